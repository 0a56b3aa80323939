/** The start screen: drop a workbook (.xlsx, .xls, .et, .ods) or a published PDF here or choose one; the file stays on this computer. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUploadRegular, FolderOpenRegular, LockClosedRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'center',
  },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1 },
  lead: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: '1.2em',
    maxWidth: '620px',
    textAlign: 'left',
    color: tokens.colorNeutralForeground2,
    lineHeight: tokens.lineHeightBase400,
  },
  privacy: { display: 'inline-flex', alignItems: 'center', columnGap: '6px', color: tokens.colorPaletteGreenForeground1 },
});

export function DropZone({ onChoose }: { onChoose(): void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="打开工作簿或 PDF" data-testid="drop-zone">
      <ArrowUploadRegular className={styles.icon} aria-hidden />
      <Text className={styles.lead}>将预算公开工作簿（.xlsx、.xls、.et、.ods）或已公开的 PDF 文件拖到这里</Text>
      <Button appearance="primary" size="large" icon={<FolderOpenRegular />} onClick={onChoose} data-testid="choose-button">
        选择文件
      </Button>
      <Text className={styles.privacy}>
        <LockClosedRegular aria-hidden />
        文件只在本机浏览器中处理，不会上传到任何服务器。
      </Text>
      <ul className={styles.list}>
        <li>检查部门预算公开表（表一至表十三）的表内平衡、表间勾稽和舍位差异，项目支出绩效目标表与表十二的对应，以及情况说明中的数字。</li>
        <li>支持 Excel 和 WPS 保存的 .xlsx、旧版 .xls、WPS 的 .et 和 .ods 文件；带标注的副本一律下载为 .xlsx。</li>
        <li>也可以校验已公开的 PDF 文件：按同样的规则检查，并在 PDF 页面上框出有问题的数字；扫描页（没有文字层）会逐页说明。</li>
        <li>校验后可下载带标注的工作簿（PDF 为带标注的 PDF）、自动填充合计后的工作簿、情况说明（Word）和校验报告。</li>
      </ul>
    </section>
  );
}
