/**
 * Command line: commander only. argv → run…() → exit code. Help and messages in Vietnamese.
 */
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { toJsonFinding } from './findings.js';
import { describeError, type ErrorReport } from './lib/env-errors.js';
import { failureOf, runBuild, runCheck, runForms, runStatus, runTemplateCheck, runTemplateFields, runWatch, type RunResult } from './run.js';
import type { PdfStandard } from './render/index.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Where the progress bar goes; it is drawn only when this is a terminal (default stderr). */
  readonly progress?: (NodeJS.WritableStream & { readonly isTTY?: boolean }) | undefined;
  /** `watch` stops when this aborts (default: Ctrl+C, i.e. SIGINT, or SIGTERM). */
  readonly stop?: AbortSignal | undefined;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  progress: process.stderr,
};

/** A progress bar is drawn for runs over this many files. */
const PROGRESS_MIN_FILES = 20;

/** The onProgress callback of a run: a bar on a terminal when the round has many files, else nothing. */
function progressBar(io: Io, enabled: boolean): ((done: number, total: number) => void) | undefined {
  const stream = io.progress;
  if (!enabled || !stream?.isTTY) return undefined;
  let bar: SingleBar | null = null;
  return (done, total) => {
    if (total <= PROGRESS_MIN_FILES) return;
    if (!bar) {
      bar = new SingleBar({ stream, format: 'Đang kiểm tra tệp [{bar}] {value}/{total} tệp ({percentage}%)', hideCursor: true, clearOnComplete: true, barsize: 30 });
      bar.start(total, 0);
    }
    bar.update(done);
    if (done >= total) {
      bar.stop();
      bar = null;
    }
  };
}

/** Ctrl+C (SIGINT) or SIGTERM as an AbortSignal, for `watch`. */
function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const stop = (): void => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** BAOCAO_WORKERS=n: worker threads for reading workbooks (0: none); unset: one per spare core. */
function poolFromEnv(): { readonly workers: number } | undefined {
  const n = Number(process.env['BAOCAO_WORKERS']);
  return process.env['BAOCAO_WORKERS'] !== undefined && Number.isInteger(n) && n >= 0 ? { workers: n } : undefined;
}

/** `--pdf=a` → PDF/A-2b; any other value is refused (a folder after a bare --pdf lands here). */
function pdfStandard(value: string): PdfStandard {
  if (/^(a|pdfa|pdf-a|pdf\/a|a-?2b)$/i.test(value.trim())) return 'pdf-a';
  throw new InvalidArgumentError('chỉ dùng --pdf (PDF thường) hoặc --pdf=a (PDF/A-2b); đặt --pdf sau thư mục, ví dụ: baocao build input --pdf');
}

/** BAOCAO_PDF_TIMEOUT=seconds: time allowed for one PDF conversion (default 300). */
function pdfTimeoutFromEnv(): number | undefined {
  const s = Number(process.env['BAOCAO_PDF_TIMEOUT']);
  return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}

/** `--quiet`: only the errors, one per line. */
function errorLines(r: RunResult): string[] {
  if (r.exitCode === 2) return [...r.messages];
  return r.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `Lỗi: ${f.file}${f.sheet ? ` ${f.sheet}${f.cell ? `!${f.cell}` : ''}` : ''}: ${f.message}`);
}

/** Builds the commander program; `exitOverride` lets tests call it without exiting. */
export function program(io: Io, setExit: (code: number) => void): Command {
  const p = new Command();
  p.name('baocao')
    .description('Tổng hợp báo cáo từ các tệp Excel của cơ quan, đơn vị và lập báo cáo, phụ lục theo Nghị định 30/2020/NĐ-CP.')
    .helpOption('-h, --help', 'xem hướng dẫn')
    .helpCommand('help [lệnh]', 'xem hướng dẫn của một lệnh')
    .version('0.1.0', '-V, --version', 'xem phiên bản')
    .configureOutput({
      writeOut: (s) => io.out(vietnamese(s).trimEnd()),
      writeErr: (s) => io.err(vietnamese(s).trimEnd()),
      outputError: (s, write) => write(vietnamese(s)),
    })
    .showHelpAfterError('(xem hướng dẫn: baocao --help)')
    .addHelpText(
      'after',
      `
Ví dụ:
  npx baocao forms input/bacgiang-namninh-2025-2028/du-toan      tạo biểu mẫu gửi các cơ quan
  npx baocao check input/bacgiang-namninh-2025-2028/du-toan      kiểm tra các tệp đã nhận
  npx baocao build input/bacgiang-namninh-2025-2028/2025         lập báo cáo và phụ lục
  npx baocao status input/bacgiang-namninh-2025-2028/2025        xem cơ quan nào nộp đúng hạn, muộn, chưa nộp
  npx baocao build input                                          lập mọi đợt của mọi kế hoạch
  npx baocao serve                                                mở trang baocao trong trình duyệt
  npx baocao build input/langson-tang-truong-2026/2026-Q3 --pdf   thêm bản PDF để ký số (--pdf=a: PDF/A-2b)

Thư mục đợt báo cáo là input/<kế hoạch>/<đợt>; tệp ke-hoach.xlsx nằm ở thư mục kế hoạch.
Đợt "du-toan" (hay "Dự toán") là đợt lập dự toán kinh phí; đợt khác là đợt báo cáo kết quả của một kỳ,
đặt tên như "2025", "Năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Quý III năm 2026",
"Tháng 7-2026" (hoặc "2026-H1", "2026-9t", "2026-Q3", "2026-07"); tên khác bị từ chối (mã thoát 2).
Mã thoát: 0 không có lỗi; 1 có lỗi trong số liệu; 2 thư mục, tham số hoặc tệp kế hoạch không dùng được.`,
    );

  /**
   * Prints a run's result. Under --json, stdout gets exactly one JSON document: build's summary
   * object; check's list of findings; on exit 2 (nothing usable), for every command, an object
   * `{ exitCode: 2, error: { code, message, path }, findings }`.
   */
  const finish = (r: RunResult, json: boolean | 'summary' = false, quiet = false, target?: string) => {
    const error = r.exitCode === 2 ? errorOf(r, target) : null;
    if (json === 'summary') {
      io.out(
        JSON.stringify(
          {
            exitCode: r.exitCode,
            findings: r.findings.map(toJsonFinding),
            written: r.written.map((w) => ({ name: w.name, path: w.path, unchanged: w.unchanged, besideEdited: w.besideEdited })),
            changes: r.changes ?? null,
            skipped: (r.skipped ?? []).map((k) => ({ path: k.dir, reason: k.reason, workbooks: k.workbooks })),
            warnings: r.warnings ?? [],
            ...(error ? { error } : {}),
          },
          null,
          2,
        ),
      );
    } else if (json && error) {
      io.out(JSON.stringify({ exitCode: r.exitCode, error, findings: r.findings.map(toJsonFinding) }, null, 2));
    } else if (json) {
      io.out(JSON.stringify(r.findings.map(toJsonFinding), null, 2));
    }
    if (quiet) for (const m of errorLines(r)) io.err(m);
    // An error that stopped the run goes to stderr, like any program's.
    else for (const m of r.messages) (json || r.error ? io.err : io.out)(m);
    for (const w of r.warnings ?? []) io.err(w);
    setExit(r.exitCode);
  };

  p.command('forms')
    .description('Tạo biểu mẫu Excel điền sẵn cho từng cơ quan của một đợt báo cáo.')
    .argument('<thư-mục-đợt>', 'thư mục đợt báo cáo, ví dụ input/<kế hoạch>/du-toan')
    .option('-o, --out <thư-mục>', 'thư mục ghi biểu mẫu (mặc định output/<kế hoạch>/<đợt>/bieu-mau)')
    .action(async (dir: string, o: { out?: string }) => finish(await attempt(() => runForms(dir, { outDir: o.out })), false, false, dir));

  p.command('check')
    .description('Kiểm tra mọi ô của mọi tệp trong thư mục đợt (hoặc mọi đợt của một kế hoạch, mọi kế hoạch của thư mục input); ghi kiem-tra.xlsx.')
    .argument('<thư-mục>', 'thư mục đợt báo cáo chứa các tệp cơ quan gửi về (hoặc thư mục kế hoạch, thư mục input)')
    .option('-o, --out <thư-mục>', 'thư mục ghi kiem-tra.xlsx (mặc định output/<kế hoạch>/<đợt>)')
    .option('--json', 'in danh sách lỗi dạng JSON ra stdout (cho phần mềm khác đọc)')
    .option('--annotate', 'ghi bản sao có đánh dấu lỗi để gửi trả cơ quan (thư mục tra-lai/)')
    .option('-q, --quiet', 'chỉ in các lỗi (và trả mã thoát), không in tóm tắt')
    .action(async (dir: string, o: { out?: string; json?: boolean; annotate?: boolean; quiet?: boolean }) =>
      finish(
        await attempt(() => runCheck(dir, { outDir: o.out, annotate: o.annotate === true, onProgress: progressBar(io, !o.quiet && !o.json), pool: poolFromEnv() })),
        o.json === true,
        o.quiet === true,
        dir,
      ),
    );

  p.command('build')
    .description('Kiểm tra, tổng hợp và lập báo cáo, phụ lục (Word, Excel) của một đợt, một kế hoạch hoặc cả thư mục input.')
    .argument('<thư-mục>', 'thư mục đợt, thư mục kế hoạch, hoặc thư mục chứa các kế hoạch (input)')
    .option('-o, --out <thư-mục>', 'thư mục ghi kết quả (mặc định output/<kế hoạch>/<đợt>)')
    .option('--strict', 'không lập báo cáo nếu còn bất kỳ lỗi nào (mã thoát 1)')
    .option('--json', 'in tóm tắt dạng JSON ra stdout: mã thoát, danh sách lỗi, các tệp đã ghi, các số liệu thay đổi')
    .option('-q, --quiet', 'chỉ in các lỗi (và trả mã thoát), không in tóm tắt')
    .option(
      '--pdf [a]',
      'ghi thêm bản PDF của báo cáo và các phụ lục (để ký số; cần LibreOffice); --pdf=a: bản PDF/A-2b để lưu trữ. Không có LibreOffice thì chỉ cảnh báo, tệp Word, Excel vẫn được ghi',
      pdfStandard,
    )
    .option('--no-charts', 'không vẽ biểu đồ trong báo cáo Word')
    .action(async (dir: string, o: { out?: string; strict?: boolean; json?: boolean; quiet?: boolean; pdf?: PdfStandard | true; charts?: boolean }) =>
      finish(
        await attempt(() =>
          runBuild(dir, {
            outDir: o.out,
            strict: o.strict === true,
            onProgress: progressBar(io, !o.quiet && !o.json),
            pool: poolFromEnv(),
            charts: o.charts !== false,
            ...(o.pdf ? { pdf: { standard: o.pdf === true ? 'pdf' : o.pdf, timeoutMs: pdfTimeoutFromEnv() } } : {}),
          }),
        ),
        o.json === true ? 'summary' : false,
        o.quiet === true,
        dir,
      ),
    );

  p.command('watch')
    .description('Theo dõi thư mục đợt: mỗi khi có tệp được thêm, thay hoặc xóa, tự kiểm tra và lập lại báo cáo, in các số liệu thay đổi. Nhấn Ctrl+C để dừng.')
    .argument('<thư-mục-đợt>', 'thư mục đợt báo cáo chứa các tệp cơ quan gửi về')
    .option('-o, --out <thư-mục>', 'thư mục ghi kết quả (mặc định output/<kế hoạch>/<đợt>)')
    .option('--strict', 'không lập báo cáo nếu còn bất kỳ lỗi nào')
    .option('-q, --quiet', 'chỉ in các lỗi của mỗi lần lập')
    .action(async (dir: string, o: { out?: string; strict?: boolean; quiet?: boolean }) => {
      const quiet = o.quiet === true;
      const interrupt = io.stop ? null : interruptSignal();
      const signal = io.stop ?? interrupt?.signal ?? new AbortController().signal;
      let built = false;
      const waiting = 'Đang theo dõi thư mục; chép tệp mới vào để lập lại báo cáo. Nhấn Ctrl+C để dừng.';
      try {
        const r = await runWatch(
          dir,
          {
            outDir: o.out,
            strict: o.strict === true,
            onProgress: progressBar(io, !quiet),
            pool: poolFromEnv(),
            onBuild: (res) => {
              built = true;
              if (quiet) for (const m of errorLines(res)) io.err(m);
              else for (const m of [...res.messages, '', waiting]) io.out(m);
            },
          },
          signal,
        );
        if (!built) {
          // Not a round folder: runWatch returned without building or watching.
          for (const m of r.messages) io.err(m);
          setExit(2);
          return;
        }
        if (!quiet) io.out('Đã dừng theo dõi.');
        setExit(0);
      } finally {
        interrupt?.dispose();
      }
    });

  p.command('status')
    .description('Xem cơ quan nào đã nộp (ngày nhận, ngày lập), đúng hạn, muộn bao nhiêu ngày, hay chưa nộp.')
    .argument('<thư-mục-đợt>', 'thư mục đợt báo cáo, ví dụ input/<kế hoạch>/2026-07')
    .option('-o, --out <thư-mục>', 'thư mục kết quả của đợt, nơi ghi nhớ ngày nhận tệp (mặc định output/<kế hoạch>/<đợt>)')
    .option('--json', 'in danh sách cơ quan và tình trạng nộp dạng JSON ra stdout')
    .action(async (dir: string, o: { out?: string; json?: boolean }) => {
      const r = await attempt(() => runStatus(dir, { outDir: o.out }));
      if (o.json !== true || !('status' in r) || r.status === null) return finish(r, o.json === true, false, dir);
      io.out(JSON.stringify(r.status.rows, null, 2));
      for (const m of r.messages) io.err(m);
      setExit(r.exitCode);
    });

  const templates = p.command('templates').description('Mẫu báo cáo: xem các trường dùng được trong mẫu, kiểm tra mẫu trước khi lập báo cáo.');
  templates
    .command('fields')
    .description('Liệt kê mọi trường dữ liệu và trợ giúp định dạng dùng được trong mẫu báo cáo, kèm giá trị ví dụ.')
    .option('--json', 'in danh sách trường dạng JSON ra stdout')
    .action((o: { json?: boolean }) => {
      const r = runTemplateFields();
      if (o.json === true) io.out(JSON.stringify(r.fields, null, 2));
      else for (const m of r.messages) io.out(m);
      setExit(0);
    });

  templates
    .command('check')
    .description('Kiểm tra mẫu báo cáo trước khi lập báo cáo: mẫu mặc định, và mẫu Word riêng (mau/bao-cao.docx) của kế hoạch, hoặc của mọi kế hoạch trong thư mục (mặc định: input). Nêu mọi lỗi cùng lúc, với đoạn văn có lỗi.')
    .argument('[thư-mục]', 'thư mục kế hoạch (input/<kế hoạch>) hoặc thư mục chứa các kế hoạch (mặc định input)')
    .action(async (dir: string | undefined) => {
      const r = await attempt(() => runTemplateCheck(dir));
      for (const m of r.messages) (r.exitCode === 0 ? io.out : io.err)(m);
      setExit(r.exitCode);
    });

  p.command('serve')
    .description('Mở trang baocao trên máy này (trình duyệt): kế hoạch, đợt báo cáo, nhận và kiểm tra tệp, tình hình nộp, lập và tải báo cáo. Nhấn Ctrl+C để dừng.')
    .option('-p, --port <cổng>', 'cổng của trang (mặc định: baocao tự chọn một cổng trống)')
    .option('--no-open', 'không tự mở trình duyệt')
    .option('--input <thư-mục>', 'thư mục chứa các kế hoạch', 'input')
    .option('--output <thư-mục>', 'thư mục ghi kết quả', 'output')
    .action(async (o: { port?: string; open: boolean; input: string; output: string }) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`Lỗi: cổng "${o.port}" không hợp lệ; cần một số từ 1 đến 65535.`);
        setExit(2);
        return;
      }
      // Loaded only for this command: the other commands never load the web server.
      const { startServer, openBrowser } = await import('./serve/index.js');
      const interrupt = io.stop ? null : interruptSignal();
      const signal = io.stop ?? interrupt?.signal ?? new AbortController().signal;
      try {
        const server = await startServer({ input: o.input, output: o.output, port, soffice: process.env['SOFFICE'] });
        // The address alone on the first line: scripts and people can take it from there.
        io.out(server.url);
        io.out(`Trang baocao đang chạy. Mở địa chỉ trên bằng trình duyệt (Chrome, Edge, Firefox) nếu trình duyệt chưa tự mở.`);
        io.out(`Kế hoạch: ${server.inputRoot}; kết quả: ${server.outputRoot}.`);
        io.out('Giữ cửa sổ này mở trong khi dùng trang; nhấn Ctrl+C để dừng.');
        if (o.open) openBrowser(server.url);
        if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        await server.close();
        io.out('Đã dừng trang baocao.');
        setExit(0);
      } finally {
        interrupt?.dispose();
      }
    });

  return p;
}

/** Runs a command; an exception (disk full, read-only folder, a bug) becomes an exit-2 result. */
async function attempt<R extends RunResult>(run: () => Promise<R>): Promise<R | RunResult> {
  try {
    return await run();
  } catch (err) {
    return failureOf(err);
  }
}

/** The error object of an exit-2 result: the run's own, or its messages with the folder given. */
function errorOf(r: RunResult, target: string | undefined): ErrorReport {
  return r.error ?? { code: 'input_unusable', message: r.messages.join('\n'), path: target ?? null };
}

/** Commander's own words (help headings, argument errors) in Vietnamese. */
const COMMANDER_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^Usage:/gm, 'Cách dùng:'],
  [/^Options:/gm, 'Tùy chọn:'],
  [/^Commands:/gm, 'Lệnh:'],
  [/^Arguments:/gm, 'Tham số:'],
  [/\[options\]/g, '[tùy-chọn]'],
  [/\[command\]/g, '[lệnh]'],
  [/error: missing required argument '([^']+)'/g, "Lỗi: thiếu tham số bắt buộc '$1'"],
  [/error: unknown command '([^']+)'/g, "Lỗi: không có lệnh '$1'"],
  [/error: unknown option '([^']+)'/g, "Lỗi: không có tùy chọn '$1'"],
  [/error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./g, 'Lỗi: thừa tham số (cần $2, nhận $3).'],
  [/error: option '([^']+)' argument missing/g, "Lỗi: tùy chọn '$1' cần một giá trị"],
  [/error: option '([^']+)' argument '([^']*)' is invalid\./g, "Lỗi: tùy chọn '$1' không nhận giá trị '$2':"],
  [/\(Did you mean ([^?]+)\?\)/g, '(Có phải ý bạn là $1?)'],
];

function vietnamese(text: string): string {
  return COMMANDER_WORDS.reduce((t, [re, vi]) => t.replace(re, vi), text);
}

/** Runs the CLI and returns the exit code; prints error chains once, in Vietnamese. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const p = program(io, (c) => (code = c));
  p.exitOverride();
  for (const c of p.commands) c.exitOverride();
  try {
    await p.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    io.err(`Lỗi: ${describeError(err).message}`);
    return 2;
  }
}
