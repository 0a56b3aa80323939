/** Yields to the event loop: a browser paints and handles input before the next piece of work. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
