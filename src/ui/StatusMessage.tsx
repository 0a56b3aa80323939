import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';

export interface StatusMessageData {
  intent: 'error' | 'warning' | 'success' | 'info';
  title: string;
  text?: string;
}

export interface StatusMessageProps {
  message: StatusMessageData;
  onDismiss?(): void;
}

const useStyles = makeStyles({
  text: { marginTop: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
});

/** A Chinese message bar: errors from the engine or the workbook, and results of writing. */
export function StatusMessage({ message, onDismiss }: StatusMessageProps) {
  const styles = useStyles();
  return (
    <MessageBar
      intent={message.intent}
      layout="multiline"
      role={message.intent === 'error' ? 'alert' : 'status'}
      data-testid={`message-${message.intent}`}
    >
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle>
        {message.text && <div className={styles.text}>{message.text}</div>}
      </MessageBarBody>
      {onDismiss && (
        <MessageBarActions
          containerAction={
            <Button appearance="transparent" aria-label="关闭提示" icon={<DismissRegular />} onClick={onDismiss} />
          }
        />
      )}
    </MessageBar>
  );
}
