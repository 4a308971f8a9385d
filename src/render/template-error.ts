/**
 * A template problem: names the template file and line; shown to staff as is. Its own module so
 * the CLI can recognise it without loading Handlebars.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
