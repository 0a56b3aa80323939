/**
 * 核对用的其他文件: the 情况说明 as a Word document (选择情况说明文件, .docx) and last year's published disclosure
 * (选择上年公开文件, a workbook), chosen beside the workbook being checked. Shared by the web page and the task pane:
 * each shows the file in use with a 移除 button; choosing one re-checks the workbook with it (the host does that).
 */
import { useRef } from 'react';
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CalendarLtrRegular, DismissRegular, DocumentTextRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  choose: { flexShrink: 0, whiteSpace: 'nowrap' },
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: tokens.colorNeutralForeground2 },
  hint: { color: tokens.colorNeutralForeground3 },
  input: { display: 'none' },
});

export type SideKind = 'narrative' | 'previous';

const KINDS: { kind: SideKind; label: string; accept: string; title: string; none: string }[] = [
  {
    kind: 'narrative',
    label: '选择情况说明文件',
    accept: '.docx,.doc,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    title: '用 Word 文档（.docx）中的情况说明代替工作簿中的情况说明，与表格核对（问题按“段落N”定位）',
    none: '未选择：核对工作簿中的情况说明',
  },
  {
    kind: 'previous',
    label: '选择上年公开文件',
    accept: '.xlsx,.xlsm,.xls,.et,.ods',
    title: '上年公开的预算工作簿：核对“比上年”增减额和增减率，生成情况说明时自动计算比上年数字',
    none: '未选择：比上年数字只按文中金额核对',
  },
];

export interface SideFilesPickerProps {
  /** File names in use. */
  narrative?: string;
  previous?: string;
  /** The kind being read (its button shows a spinner). */
  busy?: SideKind | null;
  disabled?: boolean;
  onChoose(kind: SideKind, file: File): void;
  onRemove(kind: SideKind): void;
}

export function SideFilesPicker(props: SideFilesPickerProps) {
  const styles = useStyles();
  const inputs = { narrative: useRef<HTMLInputElement>(null), previous: useRef<HTMLInputElement>(null) };
  return (
    <section className={styles.root} aria-labelledby="side-files-heading" data-testid="side-files">
      <h2 id="side-files-heading" className={styles.heading}>
        核对用的其他文件
      </h2>
      {KINDS.map((k) => {
        const name = props[k.kind];
        return (
          <div key={k.kind} className={styles.row}>
            <Button
              className={styles.choose}
              size="small"
              icon={props.busy === k.kind ? <Spinner size="extra-tiny" /> : k.kind === 'narrative' ? <DocumentTextRegular /> : <CalendarLtrRegular />}
              disabled={props.disabled}
              title={k.title}
              onClick={() => inputs[k.kind].current?.click()}
              data-testid={`choose-${k.kind}`}
            >
              {k.label}
            </Button>
            <Text size={200} className={name ? styles.name : `${styles.name} ${styles.hint}`} title={name ?? k.none} data-testid={`${k.kind}-file`}>
              {name ?? k.none}
            </Text>
            {name && (
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                aria-label={`移除${name}`}
                title="移除"
                disabled={props.disabled}
                onClick={() => props.onRemove(k.kind)}
                data-testid={`remove-${k.kind}`}
              />
            )}
            <input
              ref={inputs[k.kind]}
              className={styles.input}
              type="file"
              accept={k.accept}
              aria-label={k.label}
              data-testid={`${k.kind}-input`}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) props.onChoose(k.kind, f);
              }}
            />
          </div>
        );
      })}
    </section>
  );
}
