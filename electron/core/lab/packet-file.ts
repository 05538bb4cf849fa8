import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../errors.ts';

export const PACKET_EXTENSION = '.age';

/**
 * Where a new packet goes: into a folder under its own name, or at the path given, which must not exist (a
 * packet already made, perhaps not yet sent, is never overwritten).
 */
export function packetPath(out: string, name: string): string {
  const target = resolve(out);
  if (existsSync(target) && statSync(target).isDirectory()) return join(target, name);
  if (existsSync(target)) throw new AppError('DUPLICATE', `${target} already exists. Choose another file name, or a folder to put the packet in.`);
  if (!existsSync(dirname(target)))
    throw new AppError('IO_ERROR', `The folder ${dirname(target)} does not exist. Create it first or choose another place.`);
  return target;
}

/** Written in full and flushed under a temporary name, then renamed: a sync tool never picks up half a packet. */
export function writePacketFile(path: string, bytes: Uint8Array): void {
  if (existsSync(path)) throw new AppError('DUPLICATE', `${path} already exists. Choose another file name.`);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(partial, path);
}

export function readPacketFile(path: string): Uint8Array {
  const target = resolve(path);
  if (!existsSync(target)) throw new AppError('FILE_NOT_FOUND', `No file at ${target}. Check the path of the packet.`);
  if (statSync(target).isDirectory()) throw new AppError('INVALID_INPUT', `${target} is a folder. Give the packet file, or use --folder.`);
  return readFileSync(target);
}
