import type { Locator, Page } from "playwright-core";

/*
 * Drives GraphiQL the way a person does: clicks into an editor, selects all,
 * types (as one text input, so CodeMirror's bracket auto-closing does not
 * double the braces), and clicks the run button. Editors are read through
 * CodeMirror 5's documented `.CodeMirror` property on the editor's element, which
 * holds the whole text, not only the lines scrolled into view.
 */

interface CodeMirrorElement {
  CodeMirror: { getValue(): string };
}

export class GraphiQLPage {
  constructor(readonly page: Page) {}

  get queryEditor(): Locator {
    return this.page.locator(".graphiql-query-editor .CodeMirror");
  }

  /** The headers editor, shown below the query editor (the variables editor is hidden). */
  get headersEditor(): Locator {
    return this.page.locator("section.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
  }

  get resultPane(): Locator {
    return this.page.locator("section.result-window .CodeMirror");
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.queryEditor.waitFor();
  }

  async openNewTab(): Promise<void> {
    const tabs = await this.page.locator(".graphiql-tab").count();
    await this.page.getByRole("button", { name: "New tab" }).click();
    await this.page.locator(".graphiql-tab").nth(tabs).waitFor();
  }

  async selectTab(index: number): Promise<void> {
    await this.page.locator(".graphiql-tab-button").nth(index).click();
  }

  /** Types an operation and waits until GraphiQL has read it (the tab takes the operation's name). */
  async typeOperation(name: string, text: string): Promise<void> {
    await this.type(this.queryEditor, text);
    await this.page.locator(".graphiql-tab-active").getByText(name, { exact: true }).waitFor();
  }

  async type(editor: Locator, text: string): Promise<void> {
    await editor.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.insertText(text);
    // Back to the start, so a long line (a token) shows from its beginning.
    await this.page.keyboard.press("ControlOrMeta+Home");
    await this.page.waitForFunction(
      ([element, expected]) => (element as unknown as CodeMirrorElement).CodeMirror.getValue() === expected,
      [await editor.elementHandle(), text] as const,
    );
  }

  text(editor: Locator): Promise<string> {
    return editor.evaluate((element) => (element as unknown as CodeMirrorElement).CodeMirror.getValue());
  }

  /** Runs the operation in the query editor: the button that reads "Execute query (Ctrl-Enter)". */
  async run(): Promise<void> {
    await this.page.locator(".graphiql-execute-button").click();
  }

  /** Waits for the result pane to hold JSON that passes `accept`, and returns it. */
  async waitForResult<T>(accept: (result: T) => boolean, description: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = await this.text(this.resultPane);
      try {
        const result = JSON.parse(last) as T;
        if (accept(result)) return result;
      } catch {
        // Empty, or a payload still being written: read again.
      }
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The result pane never showed ${description}; it shows:\n${last}`);
  }
}
