/** A content file is invalid. The message names the file and the field so an author can fix it. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = "ContentError";
  }
}
