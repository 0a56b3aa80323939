/**
 * 情况说明 in the task pane (the ActionBar's extra slot): 生成情况说明 writes the generated text to a sheet and
 * offers 复制全文 / 下载 .docx; 创建补充信息表 adds the 补充信息 sheet the generator reads; 核对情况说明 shows the
 * N.* findings of the last 校验. The .docx writer (the `docx` package) is loaded on demand, as its own chunk:
 * it must not be in the pane's initial bundle (webpack.config.js PaneBundleGuard).
 */
import { useCallback, useRef, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular, DocumentAddRegular, DocumentTextRegular, TextBulletListSquareSearchRegular } from '@fluentui/react-icons';
import type { WorkbookHost } from '../../format/host';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { GeneratedNarrative } from '../../narrative/generate';
import { groupOf } from '../../format/groups';
import type { Recognised } from '../../tables/recognised';
import { errorText } from '../../format/labels';
import { browserDelivery, deliveredMessage, fileRoute } from '../delivery';
import { recognise } from '../../engine';
import { nextTurn } from '../../model/turn';
import { StatusMessage, type StatusMessageData } from '../StatusMessage';
import type { ExtraActionContext } from './TaskPane';

/** The sheet 生成情况说明 writes (one paragraph per row). */
export const GENERATED_SHEET = '情况说明（生成）';

const useStyles = makeStyles({
  button: { minWidth: 0, justifyContent: 'flex-start', whiteSpace: 'nowrap' },
  panel: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  row: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  text: {
    width: '100%',
    minWidth: 0,
    boxSizing: 'border-box',
    resize: 'vertical',
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** Placeholders 【请填写：…】 the generator left for the clerk. */
export function countPlaceholders(lines: string[]): number {
  return lines.reduce((n, l) => n + (l.match(/【请填写：/g)?.length ?? 0), 0);
}

/**
 * The generator (src/narrative) and the .docx writer are loaded on first use, each as its own chunk, so the pane
 * starts as fast as before.
 */
const loadEngine = () =>
  Promise.all([
    import(/* webpackChunkName: "narrative" */ '../../narrative/generate'),
    import(/* webpackChunkName: "narrative" */ '../../narrative/supplement'),
  ]).then(([g, s]) => ({ ...g, ...s }));
const loadDocx = () => import(/* webpackChunkName: "narrative-docx" */ '../../docx/write');

function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|]+/g, '_').trim() || '情况说明';
}

/** Where the pane gave no delivery (a host without Office.js): the browser's download. */
const fallbackDelivery = browserDelivery();

interface Generated {
  narrative: GeneratedNarrative;
  text: string;
  placeholders: number;
}

type Busy = null | 'generate' | 'supplement' | 'docx';

export interface NarrativeActionsProps {
  host: WorkbookHost;
  ctx: ExtraActionContext;
}

export function NarrativeActions({ host, ctx }: NarrativeActionsProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState<Busy>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [note, setNote] = useState<StatusMessageData | null>(null);
  const [showText, setShowText] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const disabled = ctx.busy || busy !== null;
  const delivery = ctx.delivery ?? fallbackDelivery;

  /**
   * The workbook as it is now (the clerk may have filled 补充信息 since 校验) and its tables recognised; the
   * snapshot and recognition of the last 校验 when the workbook cannot be read.
   */
  const current = useCallback(async (): Promise<{ snapshot: WorkbookSnapshot; rec: Recognised }> => {
    let snapshot: WorkbookSnapshot;
    try {
      snapshot = await host.readSnapshot();
    } catch (e) {
      if (ctx.snapshot && ctx.recognised) return { snapshot: ctx.snapshot, rec: ctx.recognised };
      throw e;
    }
    await nextTurn();
    return { snapshot, rec: recognise(snapshot) };
  }, [host, ctx.snapshot, ctx.recognised]);

  const generate = useCallback(async () => {
    setBusy('generate');
    setNote(null);
    setShowText(false);
    try {
      const [{ snapshot, rec }, { generateNarrative, narrativeLines, readSupplement }] = await Promise.all([
        current(),
        loadEngine(),
      ]);
      const narrative = generateNarrative(rec, readSupplement(snapshot));
      const lines = narrativeLines(narrative);
      await host.writeSheet(GENERATED_SHEET, lines.map((l) => [l]));
      const placeholders = countPlaceholders(lines);
      setGenerated({ narrative, text: lines.join('\n'), placeholders });
      setNote({
        intent: placeholders ? 'warning' : 'success',
        title: `已写入工作表“${GENERATED_SHEET}”，其中 ${placeholders} 处【请填写】需补充`,
        text: placeholders
          ? '可点击“创建补充信息表”填写上年数、项目类型等表格中没有的信息，再次点击“生成情况说明”。'
          : undefined,
      });
    } catch (e) {
      setGenerated(null);
      ctx.showMessage({ intent: 'error', title: '生成情况说明失败', text: errorText('无法读取工作簿或写入工作表', e) });
    } finally {
      setBusy(null);
    }
  }, [current, host, ctx]);

  const createSupplement = useCallback(async () => {
    setBusy('supplement');
    setNote(null);
    try {
      const [{ snapshot, rec }, { readSupplement, supplementTemplate, SUPPLEMENT_SHEET }] = await Promise.all([
        current(),
        loadEngine(),
      ]);
      const previous = readSupplement(snapshot);
      const t = supplementTemplate(rec, previous.sheet ? previous : undefined);
      await host.writeSheet(t.sheetName, t.rows);
      setNote({
        intent: 'info',
        title: `已创建工作表“${t.sheetName || SUPPLEMENT_SHEET}”`,
        text: '请在该表中填写上年预算数等表格中没有的数字，并为每个项目填写项目类型（其他运转类/特定目标类），然后再次点击“生成情况说明”。',
      });
    } catch (e) {
      ctx.showMessage({ intent: 'error', title: '创建补充信息表失败', text: errorText('无法写入工作簿', e) });
    } finally {
      setBusy(null);
    }
  }, [current, host, ctx]);

  const review = useCallback(() => {
    if (!ctx.findings || !ctx.recognised) return;
    const n = ctx.findings.filter((f) => groupOf(f) === 'N').length;
    if (n > 0) {
      setNote(null);
      ctx.showGroup('N', true);
    } else {
      setNote({
        intent: 'info',
        title: ctx.recognised.narrative ? '情况说明未发现问题' : '工作簿中未找到情况说明',
        text: ctx.recognised.narrative
          ? undefined
          : '校验只核对已有的情况说明工作表；可点击“生成情况说明”按表格数据生成一份。',
      });
    }
  }, [ctx]);

  /** Copies the text; `why` (a sentence) says why it was copied instead of saved as a file. */
  const copy = useCallback(async (why?: string) => {
    if (!generated) return;
    const copied: StatusMessageData = why
      ? { intent: 'info', title: '已复制全文（未生成文件）', text: `${why}可粘贴到 Word 或公文系统中。` }
      : { intent: 'success', title: '已复制全文', text: '可粘贴到 Word 或公文系统中。' };
    try {
      if (!navigator.clipboard?.writeText) throw new Error('clipboard');
      await navigator.clipboard.writeText(generated.text);
      setNote(copied);
    } catch {
      // Clipboard API refused (older Office webviews): show the text selected for Ctrl+C.
      setShowText(true);
      requestAnimationFrame(() => {
        textRef.current?.focus();
        textRef.current?.select();
        let ok = false;
        try {
          ok = document.execCommand('copy');
        } catch {
          ok = false;
        }
        setNote(
          ok
            ? copied
            : { intent: 'info', title: '请按 Ctrl+C（Mac：⌘C）复制', text: `${why ?? ''}全文已在下方文本框中选中。` },
        );
      });
    }
  }, [generated]);

  const downloadDocx = useCallback(async () => {
    if (!generated) return;
    const noFiles = '此版本 Excel 不能从加载项保存文件，全文已改为复制到剪贴板：';
    if (fileRoute(delivery.profile, 0) === 'none') {
      // No route for any file here: copy at once, while the click still allows the clipboard.
      await copy(noFiles);
      return;
    }
    setBusy('docx');
    try {
      const { toDocx } = await loadDocx();
      const bytes = await toDocx(generated.narrative);
      const name = `${safeFileName(generated.narrative.title)}.docx`;
      const route = delivery.deliver({ name, data: bytes, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      if (route === 'none') {
        await copy(noFiles);
        return;
      }
      setNote({ intent: 'info', ...deliveredMessage(route, ' Word 文档', name, '点击“复制全文”后粘贴到 Word') });
    } catch (e) {
      setNote({ intent: 'error', title: '下载 .docx 失败', text: errorText('无法生成 Word 文档', e) });
    } finally {
      setBusy(null);
    }
  }, [generated, delivery, copy]);

  return (
    <>
      <Button
        className={styles.button}
        icon={<DocumentTextRegular />}
        disabled={disabled}
        onClick={() => void generate()}
        data-testid="narrative-generate"
      >
        {busy === 'generate' ? '正在生成…' : '生成情况说明'}
      </Button>
      <Button
        className={styles.button}
        icon={<DocumentAddRegular />}
        disabled={disabled}
        onClick={() => void createSupplement()}
        data-testid="narrative-supplement"
      >
        创建补充信息表
      </Button>
      <Button
        className={styles.button}
        icon={<TextBulletListSquareSearchRegular />}
        disabled={disabled || !ctx.findings}
        onClick={review}
        title={ctx.findings ? undefined : '请先点击“校验”'}
        data-testid="narrative-review"
      >
        核对情况说明
      </Button>
      {(note || generated) && (
        <section className={styles.panel} aria-label="情况说明" data-testid="narrative-panel">
          {note && <StatusMessage message={note} onDismiss={() => setNote(null)} />}
          {generated && (
            <div className={styles.row}>
              <Button
                className={styles.button}
                icon={<CopyRegular />}
                disabled={busy !== null}
                onClick={() => void copy()}
                data-testid="narrative-copy"
              >
                复制全文
              </Button>
              <Button
                className={styles.button}
                icon={<ArrowDownloadRegular />}
                disabled={busy !== null}
                onClick={() => void downloadDocx()}
                data-testid="narrative-docx"
              >
                {busy === 'docx' ? '正在生成…' : '下载 .docx'}
              </Button>
            </div>
          )}
          {generated && showText && (
            <textarea
              className={styles.text}
              ref={textRef}
              readOnly
              rows={8}
              value={generated.text}
              aria-label="情况说明全文"
              data-testid="narrative-text"
            />
          )}
        </section>
      )}
    </>
  );
}

/** The pane's extraActions for a host: the 情况说明 buttons. */
export function narrativeActions(host: WorkbookHost) {
  return function renderNarrativeActions(ctx: ExtraActionContext) {
    return <NarrativeActions host={host} ctx={ctx} />;
  };
}
