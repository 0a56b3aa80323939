import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkStarburstRegular } from '@fluentui/react-icons';
import type { CheckProgress } from '../../engine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  button: { width: '100%' },
});

export interface CheckButtonProps {
  /** The checks are running (the button is disabled and the progress shows). */
  busy: boolean;
  /** Other work is under way (auto-fill, writing): the button waits. */
  disabled?: boolean;
  progress?: CheckProgress | null;
  onCheck(): void;
}

/** 校验: the main action, with the engine's progress under it while it runs. */
export function CheckButton({ busy, disabled, progress, onCheck }: CheckButtonProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Button
        appearance="primary"
        size="large"
        className={styles.button}
        icon={<CheckmarkStarburstRegular />}
        disabled={busy || disabled}
        onClick={onCheck}
        data-testid="check-button"
      >
        {busy ? '正在校验…' : '校验'}
      </Button>
      {busy && (
        <Field validationMessage={progress?.label ?? '正在读取工作簿…'} validationState="none" aria-live="polite">
          <ProgressBar
            value={progress ? progress.fraction : undefined}
            thickness="large"
            aria-label="校验进度"
            data-testid="check-progress"
          />
        </Field>
      )}
    </div>
  );
}
