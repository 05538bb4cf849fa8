// A fragmented MP4 written to a pipe has no index of its fragments up front, so a player must read the whole
// copy before it knows the duration and where to seek (Chromium reads all of an hour's proxy to open it).
// This passes ffmpeg's fragments on as they come, keeps back its ftyp and moov, and learns each fragment's
// size and duration; once all is read, it builds the head that goes first: ftyp, moov, a free box filling
// the space reserved for the head, and segment indexes (sidx, ISO/IEC 14496-12 §8.16.3) listing every
// fragment. With them a player reads the head and jumps straight to the fragment a seek needs.

import { AppError } from '../errors.ts';

/** The boxes kept whole in memory: a few kilobytes each (no samples are in them). */
const MAX_HEADER_BOX = 64 * 1024 * 1024;

interface BoxAt {
  type: string;
  /** Where the box's content starts (after its header) and where the box ends. */
  body: number;
  end: number;
}

const damaged = (why: string): AppError =>
  new AppError('MEDIA_FAILED', `The playable copy ffmpeg wrote cannot be read as MP4 (${why}). Report this message.`);

/** The header of the box at `p`, or null when `buf` does not hold all of it yet. */
function header(buf: Buffer, p: number): { type: string; size: number; headerSize: number } | null {
  if (buf.length - p < 8) return null;
  const size32 = buf.readUInt32BE(p);
  const type = buf.toString('latin1', p + 4, p + 8);
  if (size32 === 1) {
    if (buf.length - p < 16) return null;
    return { type, size: Number(buf.readBigUInt64BE(p + 8)), headerSize: 16 };
  }
  // Size 0 ("to the end of the file") is never written by a fragmenting muxer.
  if (size32 < 8) throw damaged(`a "${type}" box of ${size32} bytes`);
  return { type, size: size32, headerSize: 8 };
}

/** The boxes inside buf[from, to). */
function* boxesIn(buf: Buffer, from: number, to: number): Generator<BoxAt> {
  for (let p = from; p < to;) {
    const h = header(buf, p);
    if (!h || p + h.size > to) throw damaged('a box runs past its parent');
    yield { type: h.type, body: p + h.headerSize, end: p + h.size };
    p += h.size;
  }
}

const childrenOf = (buf: Buffer, box: BoxAt, type: string): BoxAt[] => [...boxesIn(buf, box.body, box.end)].filter((b) => b.type === type);
const childOf = (buf: Buffer, box: BoxAt, type: string): BoxAt | undefined => childrenOf(buf, box, type)[0];

/** A full box's version and flags, and where its fields start. */
const fullBox = (buf: Buffer, box: BoxAt) => ({ version: buf[box.body]!, flags: buf.readUInt32BE(box.body) & 0xffffff, fields: box.body + 4 });

interface Track {
  id: number;
  timescale: number;
  video: boolean;
  /** trex's default sample duration, for fragments that give none. */
  defaultDuration: number;
}

function tracksOf(moov: Buffer): Track[] {
  const root: BoxAt = { type: 'moov', body: 8, end: moov.length };
  const defaults = new Map<number, number>();
  const mvex = childOf(moov, root, 'mvex');
  for (const trex of mvex ? childrenOf(moov, mvex, 'trex') : []) {
    const { fields } = fullBox(moov, trex);
    defaults.set(moov.readUInt32BE(fields), moov.readUInt32BE(fields + 8));
  }
  return childrenOf(moov, root, 'trak').map((trak) => {
    const tkhd = childOf(moov, trak, 'tkhd');
    const mdia = childOf(moov, trak, 'mdia');
    const mdhd = mdia && childOf(moov, mdia, 'mdhd');
    const hdlr = mdia && childOf(moov, mdia, 'hdlr');
    if (!tkhd || !mdhd || !hdlr) throw damaged('a track without its header');
    const t = fullBox(moov, tkhd);
    const m = fullBox(moov, mdhd);
    // Creation and modification times come first: 32-bit in version 0, 64-bit in version 1.
    const id = moov.readUInt32BE(t.fields + (t.version === 1 ? 16 : 8));
    const timescale = moov.readUInt32BE(m.fields + (m.version === 1 ? 16 : 8));
    const video = moov.toString('latin1', hdlr.body + 8, hdlr.body + 12) === 'vide';
    return { id, timescale, video, defaultDuration: defaults.get(id) ?? 0 };
  });
}

/** The decode time and the summed sample durations of each track in one moof, by track ID. */
function fragmentTimes(moof: Buffer, tracks: Track[]): Map<number, { start: number | null; duration: number }> {
  const root: BoxAt = { type: 'moof', body: 8, end: moof.length };
  const times = new Map<number, { start: number | null; duration: number }>();
  for (const traf of childrenOf(moof, root, 'traf')) {
    const tfhd = childOf(moof, traf, 'tfhd');
    if (!tfhd) throw damaged('a track fragment without its header');
    const h = fullBox(moof, tfhd);
    const track = tracks.find((t) => t.id === moof.readUInt32BE(h.fields));
    if (!track) throw damaged('a fragment of a track the header does not have');
    let p = h.fields + 4;
    if (h.flags & 0x01) p += 8; // base data offset
    if (h.flags & 0x02) p += 4; // sample description index
    const defaultDuration = h.flags & 0x08 ? moof.readUInt32BE(p) : track.defaultDuration;
    const tfdt = childOf(moof, traf, 'tfdt');
    let start: number | null = null;
    if (tfdt) {
      const d = fullBox(moof, tfdt);
      start = d.version === 1 ? Number(moof.readBigUInt64BE(d.fields)) : moof.readUInt32BE(d.fields);
    }
    let duration = 0;
    for (const trun of childrenOf(moof, traf, 'trun')) {
      const r = fullBox(moof, trun);
      const count = moof.readUInt32BE(r.fields);
      let q = r.fields + 4;
      if (r.flags & 0x01) q += 4; // data offset
      if (r.flags & 0x04) q += 4; // first sample flags
      const perSample = [0x100, 0x200, 0x400, 0x800].filter((f) => r.flags & f).length * 4;
      if (!(r.flags & 0x100)) duration += count * defaultDuration;
      else for (let i = 0; i < count; i++, q += perSample) duration += moof.readUInt32BE(q);
    }
    times.set(track.id, { start, duration });
  }
  return times;
}

interface Fragment {
  bytes: number;
  /** Each track's duration in the fragment, by track ID (0 for a track with no samples in it). */
  durations: Map<number, number>;
}

export class FragmentedMp4Index {
  private ftyp: Buffer | null = null;
  private moov: Buffer | null = null;
  private tracks: Track[] = [];
  private readonly fragments: Fragment[] = [];
  /** Each track's decode time at its first fragment. */
  private readonly starts = new Map<number, number>();
  /** False once the stream held something this index cannot describe: the copy then goes without an index. */
  private indexable = true;

  /**
   * Passes `source` on without its ftyp and moov (they go in the head) and without the closing mfra (the
   * sidx replaces it, and the fragments must end the file for the sidx to cover it); returns what the
   * source returns. Only the small boxes are held in memory, never the media data.
   */
  async *body<R>(source: AsyncGenerator<Buffer, R>): AsyncGenerator<Buffer, R> {
    let buf: Buffer = Buffer.alloc(0);
    /** Bytes of the current box still to pass on (media data) or to drop (mfra). */
    let passing = 0;
    let dropping = 0;
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) {
          if (buf.length || passing || dropping) throw damaged('it ends inside a box');
          return next.value;
        }
        buf = buf.length ? Buffer.concat([buf, next.value]) : next.value;
        while (buf.length) {
          if (passing || dropping) {
            const n = Math.min(passing || dropping, buf.length);
            if (passing) {
              passing -= n;
              this.count(n);
              yield buf.subarray(0, n);
            } else dropping -= n;
            buf = buf.subarray(n);
            continue;
          }
          const h = header(buf, 0);
          if (!h) break;
          if (h.type === 'mfra') dropping = h.size;
          else if (h.type === 'ftyp' || h.type === 'moov' || h.type === 'moof') {
            if (h.size > MAX_HEADER_BOX) throw damaged(`a "${h.type}" box of ${h.size} bytes`);
            if (buf.length < h.size) break;
            const box = Buffer.from(buf.subarray(0, h.size));
            buf = buf.subarray(h.size);
            if (h.type === 'moof') {
              this.addFragment(box);
              yield box;
            } else this.keep(h.type, box);
          } else passing = h.size;
        }
      }
    } finally {
      await source.return(undefined as R);
    }
  }

  private keep(type: string, box: Buffer): void {
    if (type === 'ftyp') this.ftyp = box;
    else {
      this.moov = box;
      this.tracks = tracksOf(box);
    }
  }

  private addFragment(moof: Buffer): void {
    const times = fragmentTimes(moof, this.tracks);
    for (const [id, t] of times) if (!this.starts.has(id)) this.starts.set(id, t.start ?? 0);
    this.fragments.push({ bytes: 0, durations: new Map([...times].map(([id, t]) => [id, t.duration])) });
    this.count(moof.length);
  }

  /** Media data and other boxes belong to the fragment they follow; before the first one, nothing may come. */
  private count(bytes: number): void {
    const last = this.fragments.at(-1);
    if (last) last.bytes += bytes;
    else this.indexable = false;
  }

  /**
   * ftyp, moov, a free box and one sidx per track (as ffmpeg writes them when it can seek back): exactly
   * `size` bytes, to go before the body. Without the room or the knowledge for the sidx boxes, the head
   * holds ftyp and moov alone (a valid copy that is slower to open).
   */
  head(size: number): Buffer {
    if (!this.ftyp || !this.moov) throw damaged('ffmpeg wrote no MP4 header');
    const start = Buffer.concat([this.ftyp, this.moov]);
    const sidxSize = 40 + 12 * this.fragments.length;
    const fits =
      this.fragments.length <= 0xffff && this.fragments.every((f) => f.bytes < 2 ** 31 && [...f.durations.values()].every((d) => d < 2 ** 32));
    const withIndex =
      this.indexable && fits && this.tracks.length > 0 && this.fragments.length > 0 && start.length + sidxSize * this.tracks.length + 8 <= size;
    const used = start.length + (withIndex ? sidxSize * this.tracks.length : 0);
    if (used + 8 > size) throw damaged(`its header does not fit in ${size} bytes`);
    const free = Buffer.alloc(size - used);
    free.writeUInt32BE(free.length, 0);
    free.write('free', 4, 'latin1');
    if (!withIndex) return Buffer.concat([start, free]);
    // The free box goes before the sidx boxes, which end right at the first fragment: Chromium reads the
    // whole copy when a sidx's first offset skips a free box. Each first offset skips the sidx boxes after it.
    const boxes = this.tracks.map((track, i) => this.sidx(track, sidxSize, (this.tracks.length - 1 - i) * sidxSize));
    return Buffer.concat([start, free, ...boxes]);
  }

  /** Version 1 (64-bit times); every fragment starts with a keyframe (a SAP, type 1). */
  private sidx(track: Track, size: number, firstOffset: number): Buffer {
    const box = Buffer.alloc(size);
    box.writeUInt32BE(size, 0);
    box.write('sidx', 4, 'latin1');
    box.writeUInt32BE(0x01000000, 8); // version 1, no flags
    box.writeUInt32BE(track.id, 12);
    box.writeUInt32BE(track.timescale, 16);
    box.writeBigUInt64BE(BigInt(this.starts.get(track.id) ?? 0), 20); // earliest presentation time
    box.writeBigUInt64BE(BigInt(firstOffset), 28); // from the end of this sidx to the first fragment
    box.writeUInt16BE(0, 36);
    box.writeUInt16BE(this.fragments.length, 38);
    this.fragments.forEach((f, i) => {
      const at = 40 + 12 * i;
      box.writeUInt32BE(f.bytes, at); // reference type 0: media
      box.writeUInt32BE(f.durations.get(track.id) ?? 0, at + 4);
      box.writeUInt32BE(0x90000000, at + 8);
    });
    return box;
  }
}
