/** Never returns and never yields to the event loop (catalogue row 34: a Loop with M = INT64_MAX). */
export function run(): void {
  for (;;) {
    // spin
  }
}
