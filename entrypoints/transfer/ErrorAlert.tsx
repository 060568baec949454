interface Props {
  messages: (string | null)[];
}

/** The page's one place for errors, so a screen reader announces each as it appears. */
export function ErrorAlert({ messages }: Props) {
  const shown = messages.filter((message): message is string => Boolean(message));
  if (shown.length === 0) return null;
  return (
    <div role="alert" class="alert">
      {shown.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
