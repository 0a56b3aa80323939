import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
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

/** A Chinese message bar: errors from the engine or the workbook, and results of writing. */
export function StatusMessage({ message, onDismiss }: StatusMessageProps) {
  return (
    <MessageBar
      intent={message.intent}
      layout="multiline"
      role={message.intent === 'error' ? 'alert' : 'status'}
      data-testid={`message-${message.intent}`}
    >
      <MessageBarBody>
        <MessageBarTitle>{message.title}</MessageBarTitle>
        {message.text}
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
