// A message for the next page to show, e.g. why the player landed on the sign-in page.
let pending: string | undefined;

export function flashNext(message: string): void {
  pending = message;
}

export function takeFlash(): string | undefined {
  const message = pending;
  pending = undefined;
  return message;
}
