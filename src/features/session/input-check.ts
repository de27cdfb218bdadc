/** An input box's validateInput from a parser: nothing when it accepts the value, else its objection in words. */
export function objectionOf(check: (value: string) => unknown): (value: string) => string | undefined {
  return (value) => {
    try {
      check(value);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
}
