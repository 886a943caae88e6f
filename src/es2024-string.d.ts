// String.prototype.toWellFormed is in every Node this runs on (20: V8 11.3); TypeScript's lib has it from ES2024,
// whose other additions (Object.groupBy, ...) Node 20 lacks, so only this one is declared.
interface String {
  /** The string with each lone surrogate replaced by U+FFFD. */
  toWellFormed(): string;
}
