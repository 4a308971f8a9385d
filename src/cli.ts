/**
 * Command line: commander only. argv → run…() → exit code. Help and messages in Vietnamese.
 */
import { Command, CommanderError } from 'commander';
import { toJsonFinding } from './findings.js';
import { runBuild, runCheck, runForms, type RunResult } from './run.js';
import { TemplateError } from './render/index.js';

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

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
  npx baocao build input                                          lập mọi đợt của mọi kế hoạch

Thư mục đợt báo cáo là input/<kế hoạch>/<đợt>; tệp ke-hoach.xlsx nằm ở thư mục kế hoạch.
Đợt "du-toan" là đợt lập dự toán kinh phí; đợt khác (ví dụ "2025") là đợt báo cáo kết quả.
Mã thoát: 0 không có lỗi; 1 có lỗi trong số liệu; 2 thư mục, tham số hoặc tệp kế hoạch không dùng được.`,
    );

  const finish = (r: RunResult, json = false) => {
    if (json) {
      io.out(JSON.stringify(r.findings.map(toJsonFinding), null, 2));
      for (const m of r.messages) io.err(m);
    } else {
      for (const m of r.messages) io.out(m);
    }
    setExit(r.exitCode);
  };

  p.command('forms')
    .description('Tạo biểu mẫu Excel điền sẵn cho từng cơ quan của một đợt báo cáo.')
    .argument('<thư-mục-đợt>', 'thư mục đợt báo cáo, ví dụ input/<kế hoạch>/du-toan')
    .option('-o, --out <thư-mục>', 'thư mục ghi biểu mẫu (mặc định output/<kế hoạch>/<đợt>/bieu-mau)')
    .action(async (dir: string, o: { out?: string }) => finish(await runForms(dir, { outDir: o.out })));

  p.command('check')
    .description('Kiểm tra mọi ô của mọi tệp trong thư mục đợt; ghi kiem-tra.xlsx.')
    .argument('<thư-mục-đợt>', 'thư mục đợt báo cáo chứa các tệp cơ quan gửi về')
    .option('-o, --out <thư-mục>', 'thư mục ghi kiem-tra.xlsx (mặc định output/<kế hoạch>/<đợt>)')
    .option('--json', 'in danh sách lỗi dạng JSON ra stdout (cho phần mềm khác đọc)')
    .action(async (dir: string, o: { out?: string; json?: boolean }) => finish(await runCheck(dir, { outDir: o.out }), o.json === true));

  p.command('build')
    .description('Kiểm tra, tổng hợp và lập báo cáo, phụ lục (Word, Excel) của một đợt, một kế hoạch hoặc cả thư mục input.')
    .argument('<thư-mục>', 'thư mục đợt, thư mục kế hoạch, hoặc thư mục chứa các kế hoạch (input)')
    .option('-o, --out <thư-mục>', 'thư mục ghi kết quả (mặc định output/<kế hoạch>/<đợt>)')
    .option('--strict', 'không lập báo cáo nếu còn bất kỳ lỗi nào (mã thoát 1)')
    .action(async (dir: string, o: { out?: string; strict?: boolean }) => finish(await runBuild(dir, { outDir: o.out, strict: o.strict === true })));

  return p;
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
    if (err instanceof TemplateError) {
      io.err(`Lỗi mẫu báo cáo: ${err.message}`);
      return 2;
    }
    io.err(`Lỗi: ${describeError(err)}`);
    return 2;
  }
}

function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  while (e) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' — nguyên nhân: ');
}
