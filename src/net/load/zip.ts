/**
 * A small zip reader and writer, enough for .npz (numpy's np.savez / np.savez_compressed): entries
 * stored or deflated (node:zlib), found through the central directory.
 *
 * numpy opens every member with `force_zip64=True`, so its local headers carry a zip64 extra field and
 * 0xFFFFFFFF sizes; we therefore take sizes from the central directory (which has the real ones for
 * small files, or a zip64 extra we also read) and use the local header only to find where data starts.
 * Archives that need a zip64 end record (over 65535 members or 4 GiB) are refused.
 * Reference: PKWARE APPNOTE.TXT, sections 4.3 (structure) and 4.5.3 (zip64 extra field).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { TesseraError } from '../../numeric/errors.js';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FULL32 = 0xffffffff;

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zip uses it). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function findEndRecord(view: DataView): number {
  // The end record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65535; at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw new TesseraError('format', 'not a zip archive (no end-of-central-directory record; is the file truncated?)');
}

/** Read every member of a zip archive, checking sizes and CRCs. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  try {
    return readEntries(bytes);
  } catch (err) {
    // A damaged length or offset sends a read past the end: that is a corrupt file, not a bug.
    if (err instanceof RangeError) throw new TesseraError('format', 'corrupt zip archive (a record points outside the file)');
    throw err;
  }
}

function readEntries(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22) throw new TesseraError('format', `not a zip archive (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirSize === FULL32 || dirOffset === FULL32) {
    throw new TesseraError('unsupported', 'zip64 archive (over 65535 members or 4 GiB) is not supported');
  }
  if (dirOffset + dirSize > end) throw new TesseraError('format', 'corrupt zip archive: central directory out of range');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let e = 0; e < count; e++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw new TesseraError('format', `corrupt zip archive: central directory entry ${e} is damaged`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // zip64 extra (id 1): the 8-byte values present are those whose 32-bit field is 0xFFFFFFFF, in this order.
    let x = at + 46 + nameLength;
    const extraEnd = x + extraLength;
    if (extraEnd + commentLength > end) throw new TesseraError('format', `corrupt zip archive: central directory entry ${e} runs past the directory`);
    while (x + 4 <= extraEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 1) {
        let p = x + 4;
        const next = (): number => {
          if (p + 8 > x + 4 + len) throw new TesseraError('format', `corrupt zip archive: bad zip64 field for '${name}'`);
          const v = Number(view.getBigUint64(p, true));
          p += 8;
          return v;
        };
        if (size === FULL32) size = next();
        if (compressedSize === FULL32) compressedSize = next();
        if (localOffset === FULL32) localOffset = next();
      }
      x += 4 + len;
    }
    at = extraEnd + commentLength;
    if (flags & 1) throw new TesseraError('unsupported', `zip member '${name}' is encrypted`);
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) {
      throw new TesseraError('format', `corrupt zip archive: local header of '${name}' is damaged`);
    }
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw new TesseraError('format', `zip member '${name}' is truncated`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (err) {
        throw new TesseraError('format', `zip member '${name}' does not inflate (${(err as Error).message})`);
      }
    } else throw new TesseraError('unsupported', `zip member '${name}' uses compression method ${method}; only stored and deflate are read`);
    if (data.length !== size) throw new TesseraError('format', `zip member '${name}' has ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw new TesseraError('format', `zip member '${name}' fails its CRC check (corrupt file)`);
    entries.push({ name, data });
  }
  return entries;
}

/**
 * Write a zip archive. With `zip64Local` the local headers look like numpy's (0xFFFFFFFF sizes and a
 * zip64 extra field), which lets tests exercise the reader on that layout.
 */
export function writeZip(entries: readonly ZipEntry[], options: { deflate?: boolean; zip64Local?: boolean } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const body = options.deflate ? new Uint8Array(deflateRawSync(entry.data)) : entry.data;
    const method = options.deflate ? 8 : 0;
    const crc = crc32(entry.data);
    const z64 = !!options.zip64Local;
    const local = new Uint8Array(30 + name.length + (z64 ? 20 : 0));
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, z64 ? 45 : 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, z64 ? FULL32 : body.length, true);
    lv.setUint32(22, z64 ? FULL32 : entry.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, z64 ? 20 : 0, true);
    local.set(name, 30);
    if (z64) {
      lv.setUint16(30 + name.length, 1, true);
      lv.setUint16(32 + name.length, 16, true);
      lv.setBigUint64(34 + name.length, BigInt(entry.data.length), true);
      lv.setBigUint64(42 + name.length, BigInt(body.length), true);
    }
    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, CENTRAL, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(10, method, true);
    dv.setUint32(16, crc, true);
    dv.setUint32(20, body.length, true);
    dv.setUint32(24, entry.data.length, true);
    dv.setUint16(28, name.length, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    central.push(dir);
    chunks.push(local, body);
    offset += local.length + body.length;
  }
  const dirSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
