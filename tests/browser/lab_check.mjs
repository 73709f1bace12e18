// make lab-check, the browser's part: in a JupyterLab served at LAB_URL (with LAB_TOKEN),
// open each notebook named on the command line, run all its cells, wait until they have
// run, fail on an error output, and save. Also fails if Lab asks about Jupyter news (the
// project's settings turn that off). lab_check.py starts the server and reads git status.
import { chromium } from "playwright-core";

const [url, token] = [process.env.LAB_URL, process.env.LAB_TOKEN];
const notebooks = process.argv.slice(2);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const NEWS = /official Jupyter news/i;

const context = await chromium.launchPersistentContext(process.env.USER_DATA_DIR, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 900 },
});
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(600_000);
  for (const notebook of notebooks) {
    // ?reset: a fresh workspace, so that each notebook opens alone.
    await page.goto(`${url}/lab/tree/${notebook}?reset&token=${token}`);
    await page.waitForFunction(() => window.jupyterapp?.shell.currentWidget?.sessionContext);
    const result = await page.evaluate(async () => {
      const app = window.jupyterapp;
      const panel = app.shell.currentWidget;
      await panel.context.ready;
      await panel.sessionContext.ready;
      await app.commands.execute("notebook:run-all-cells");
      const cells = () => panel.content.widgets.filter((c) => c.model.type === "code");
      // Run all queues every cell; done when the kernel is idle and each cell has a count.
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const idle = panel.sessionContext.session?.kernel?.status === "idle";
        if (idle && cells().every((c) => c.model.executionCount !== null)) break;
      }
      const errors = cells().flatMap((c) =>
        c.model.outputs.toJSON().filter((o) => o.output_type === "error")
          .map((o) => `${o.ename}: ${o.evalue}`));
      await app.commands.execute("docmanager:save");
      while (panel.context.model.dirty) await new Promise((r) => setTimeout(r, 200));
      await panel.sessionContext.shutdown();
      const outputs = cells().filter((c) => c.model.outputs.length).length;
      return { path: panel.context.path, cells: cells().length, outputs, errors };
    });
    const news = await page.getByText(NEWS).count();
    console.log(`${result.path}: ran ${result.cells} code cells (${result.outputs} with ` +
      "outputs), saved" +
      (result.errors.length ? `; errors: ${result.errors.join("; ")}` : ""));
    if (result.errors.length) failed = true;
    if (news) {
      console.log(`${notebook}: Lab asked about Jupyter news`);
      failed = true;
    }
  }
} finally {
  await context.close();
}
process.exit(failed ? 1 : 0);
