/**
 * Errors of the environment (disk full, read-only folder, no permission, a path that is a file,
 * a name too long…) in Vietnamese, and the one printer of an exception and its causes that the
 * CLI and the run functions share. Staff never see Node's English ("ENOSPC: no space left on
 * device"): every errno code maps to what happened and what to do, with the file or folder named.
 */
/** What baocao was doing when the file system said no. */
export type FsOp = 'write' | 'open' | 'mkdir' | 'read' | 'remove' | 'lock' | 'out';

const OP_TEXT: Readonly<Record<FsOp, string>> = {
  write: 'Không ghi được tệp',
  open: 'Không mở được',
  mkdir: 'Không tạo được thư mục',
  read: 'Không đọc được',
  remove: 'Không xóa được tệp',
  lock: 'Không tạo được tệp khóa',
  out: 'Không dùng được thư mục kết quả',
};

/** A file-system operation of baocao that failed: what it was doing, on which path; `cause` is Node's error. */
export class FsError extends Error {
  override readonly name = 'FsError';
  constructor(
    readonly op: FsOp,
    readonly path: string,
    cause: unknown,
  ) {
    super(`${OP_TEXT[op]} ${path}`, { cause });
  }
}

/** A failure baocao explains itself, in Vietnamese (e.g. the output folder is locked by another run). */
export class BaocaoError extends Error {
  override readonly name = 'BaocaoError';
  constructor(
    readonly code: string,
    message: string,
    readonly path: string | null = null,
  ) {
    super(message);
  }
}

/** A pseudo file system (/proc, /sys…) given as output folder: baocao's own code, not an errno. */
export const PSEUDO_FS = 'EPSEUDOFS';

interface EnvText {
  /** What is wrong, as a clause after "Không ghi được tệp X: ". */
  readonly reason: string;
  /** What to do next. */
  readonly todo: string;
}

const FREE_SPACE = 'Hãy giải phóng dung lượng (xóa bớt tệp không cần trên ổ đĩa đó) hoặc chọn thư mục kết quả ở ổ đĩa khác bằng --out, rồi chạy lại.';
const OTHER_FOLDER = 'hoặc chọn thư mục kết quả khác bằng --out, rồi chạy lại.';
const NETWORK: EnvText = {
  reason: 'ổ mạng hoặc ổ đĩa ngoài không phản hồi',
  todo: `Hãy kiểm tra kết nối tới ổ đĩa đó ${OTHER_FOLDER}`,
};
const BUSY: EnvText = {
  reason: 'tệp hoặc thư mục đang bị một chương trình khác dùng',
  todo: 'Hãy đóng chương trình đang mở nó (Excel, Word, trình đồng bộ hay diệt virus) rồi chạy lại.',
};
const TOO_MANY_OPEN: EnvText = {
  reason: 'máy đang mở quá nhiều tệp cùng lúc',
  todo: 'Hãy đóng bớt chương trình rồi chạy lại; nếu vẫn lỗi, chạy lại với biến môi trường BAOCAO_WORKERS=0.',
};

/** errno code → Vietnamese: the one table of environment errors. */
export const ENV_ERRORS: Readonly<Record<string, EnvText>> = {
  ENOSPC: { reason: 'ổ đĩa đã đầy', todo: FREE_SPACE },
  EDQUOT: { reason: 'tài khoản đã dùng hết hạn mức dung lượng trên ổ đĩa', todo: FREE_SPACE },
  EFBIG: { reason: 'tệp lớn hơn mức ổ đĩa này cho phép', todo: `Hãy chọn thư mục kết quả ở ổ đĩa khác bằng --out, rồi chạy lại.` },
  EROFS: {
    reason: 'ổ đĩa hoặc thư mục này chỉ cho đọc, không cho ghi',
    todo: `Hãy nhờ quản trị mở quyền ghi, ${OTHER_FOLDER}`,
  },
  EPERM: {
    reason: 'hệ điều hành không cho phép (thư mục hoặc tệp bị khóa, đặt chỉ đọc, hoặc đang mở trong chương trình khác)',
    todo: `Hãy đóng tệp nếu đang mở trong Excel hoặc Word, bỏ thuộc tính chỉ đọc hay khóa của thư mục, ${OTHER_FOLDER}`,
  },
  EACCES: {
    reason: 'tài khoản đang chạy baocao không có quyền ở thư mục này',
    todo: `Hãy nhờ quản trị cấp quyền ghi cho thư mục, ${OTHER_FOLDER}`,
  },
  ENOTDIR: {
    reason: 'một phần của đường dẫn là tệp chứ không phải thư mục',
    todo: `Hãy đổi tên hoặc dời tệp trùng tên đó đi, ${OTHER_FOLDER}`,
  },
  EEXIST: {
    reason: 'đã có một tệp trùng tên ở chỗ cần tạo thư mục',
    todo: `Hãy đổi tên hoặc dời tệp trùng tên đó đi, ${OTHER_FOLDER}`,
  },
  EISDIR: {
    reason: 'ở chỗ đó đang có một thư mục trùng tên chứ không phải tệp',
    todo: 'Hãy đổi tên hoặc dời thư mục trùng tên đó đi rồi chạy lại.',
  },
  ENAMETOOLONG: {
    reason: 'tên tệp hoặc đường dẫn quá dài (mỗi tên tối đa 255 byte, chữ có dấu chiếm 2–3 byte)',
    todo: 'Hãy đặt tên tệp, tên thư mục ngắn hơn, hoặc chọn thư mục kết quả có đường dẫn ngắn hơn bằng --out, rồi chạy lại.',
  },
  ENOENT: {
    reason: 'không tìm thấy thư mục hoặc tệp (có thể đã bị xóa, đổi tên, hoặc ổ đĩa bị rút ra trong khi chạy)',
    todo: 'Hãy kiểm tra lại đường dẫn và ổ đĩa rồi chạy lại.',
  },
  ELOOP: {
    reason: 'đường dẫn có liên kết tắt (symlink) vòng quanh',
    todo: `Hãy sửa liên kết tắt đó, ${OTHER_FOLDER}`,
  },
  EXDEV: {
    reason: 'không chuyển được tệp giữa hai ổ đĩa',
    todo: `Hãy chọn thư mục kết quả nằm trọn trên một ổ đĩa bằng --out, rồi chạy lại.`,
  },
  EINVAL: {
    reason: 'ổ đĩa không chấp nhận tên hoặc thao tác này (tên có ký tự không được phép, hoặc loại ổ đĩa không hỗ trợ)',
    todo: `Hãy đổi tên tệp nguồn cho đơn giản hơn, ${OTHER_FOLDER}`,
  },
  EIO: {
    reason: 'ổ đĩa báo lỗi đọc ghi',
    todo: `Hãy kiểm tra ổ đĩa (USB, ổ mạng) còn kết nối và không hỏng, ${OTHER_FOLDER}`,
  },
  ENOMEM: { reason: 'máy không đủ bộ nhớ', todo: 'Hãy đóng bớt chương trình rồi chạy lại.' },
  EBUSY: BUSY,
  ETXTBSY: BUSY,
  EAGAIN: BUSY,
  EMFILE: TOO_MANY_OPEN,
  ENFILE: TOO_MANY_OPEN,
  ENODEV: NETWORK,
  ENXIO: NETWORK,
  ETIMEDOUT: NETWORK,
  ESTALE: NETWORK,
  EHOSTDOWN: NETWORK,
  EHOSTUNREACH: NETWORK,
  ENOTCONN: NETWORK,
  ECONNRESET: NETWORK,
  [PSEUDO_FS]: {
    reason: 'đây là thư mục hệ thống ảo của máy (như /proc, /sys, /dev), không phải nơi lưu tệp',
    todo: 'Hãy chọn một thư mục bình thường bằng --out, ví dụ --out output.',
  },
};

/** The Vietnamese reason and next step for an errno code; unknown codes still get a Vietnamese text. */
export function envText(code: string): EnvText {
  return (
    ENV_ERRORS[code] ?? {
      reason: `hệ điều hành báo lỗi (mã ${code})`,
      todo: `Hãy kiểm tra thư mục và ổ đĩa rồi chạy lại; nếu vẫn lỗi, báo cho người quản trị kèm mã lỗi ${code}.`,
    }
  );
}

/** An error printed for staff: a stable code (errno code, or baocao's own), one Vietnamese message, the path concerned. */
export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly path: string | null;
}

/** The errno error in an exception's chain (the exception itself or one of its causes). */
export function errnoOf(err: unknown): NodeJS.ErrnoException | null {
  for (let e: unknown = err, depth = 0; e && depth < 20; e = e instanceof Error ? e.cause : undefined, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return e as NodeJS.ErrnoException;
  }
  return null;
}

const SYSCALL_OP: Readonly<Record<string, FsOp>> = {
  mkdir: 'mkdir',
  open: 'open',
  write: 'write',
  rename: 'write',
  fsync: 'write',
  close: 'write',
  unlink: 'remove',
  rm: 'remove',
  rmdir: 'remove',
  read: 'read',
  scandir: 'read',
  stat: 'read',
  lstat: 'read',
};

/** One Vietnamese sentence for an environment failure of `op` on `path` (`detail`: which part of it). */
export function envMessage(code: string, op: FsOp, path: string | null, detail = ''): string {
  const t = envText(code);
  return `${OP_TEXT[op]}${path ? ` ${path}` : ''}: ${t.reason}${detail ? ` (${detail})` : ''} (mã lỗi ${code}). ${t.todo}`;
}

/**
 * The one printer of an exception with its causes: an environment failure in Vietnamese with
 * its path and what to do; a template problem as the template reports it; anything else as
 * its chain of messages ("… — nguyên nhân: …"), marked as baocao's own fault.
 */
export function describeError(err: unknown): ErrorReport {
  const errno = errnoOf(err);
  if (errno?.code) {
    let fs: FsError | null = null;
    for (let e: unknown = err, depth = 0; e && depth < 20; e = e instanceof Error ? e.cause : undefined, depth++) {
      if (e instanceof FsError) {
        fs = e;
        break;
      }
    }
    const path = fs?.path ?? errno.path ?? null;
    const op = fs?.op ?? SYSCALL_OP[errno.syscall ?? ''] ?? 'write';
    return { code: errno.code, message: envMessage(errno.code, op, path), path };
  }
  if (err instanceof BaocaoError) return { code: err.code, message: err.message, path: err.path };
  // render/template-error.ts's TemplateError (recognised by name: lib/ comes before render/).
  if (err instanceof Error && err.name === 'TemplateError') {
    const template = (err as { template?: unknown }).template;
    return { code: 'template_error', message: `Lỗi mẫu báo cáo: ${err.message}`, path: typeof template === 'string' ? template : null };
  }
  return {
    code: 'internal_error',
    message: `Lỗi của baocao, xin báo lại cho người phát triển (kèm lệnh đã chạy): ${errorChain(err)}`,
    path: err instanceof FsError ? err.path : null,
  };
}

/** Messages of an exception and its causes, joined. */
export function errorChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 20; e = e instanceof Error ? e.cause : undefined, depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(' — nguyên nhân: ');
}
