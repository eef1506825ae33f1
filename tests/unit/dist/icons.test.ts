// The icon files the installers take (rendered from resources/icons/icon.svg by
// tests/tools/make-icons.ts), read byte by byte as Windows and the Linux packagers read them.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(pngSignature)).toBe(true);
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

interface IcoEntry {
  size: number;
  bits: number;
  data: Buffer;
}

function icoEntries(ico: Buffer): IcoEntry[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const length = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    expect(offset + length).toBeLessThanOrEqual(ico.length);
    return {
      size: ico.readUInt8(at) || 256,
      bits: ico.readUInt16LE(at + 6),
      data: ico.subarray(offset, offset + length),
    };
  });
}

/** Pixel (x, y from the top) of a 32-bit bitmap entry as [r, g, b, a]. */
function bitmapPixel(entry: IcoEntry, x: number, y: number): number[] {
  const at = 40 + ((entry.size - 1 - y) * entry.size + x) * 4; // stored bottom-up, BGRA
  return [entry.data[at + 2]!, entry.data[at + 1]!, entry.data[at]!, entry.data[at + 3]!];
}

describe('the app icon', () => {
  it('is a Windows ICO with every size from 16 to 256 px, small ones as 32-bit bitmaps', async () => {
    const entries = icoEntries(await readFile(path.join(root, 'resources/icons/icon.ico')));
    expect(entries.map((e) => e.size)).toEqual([16, 20, 24, 32, 40, 48, 64, 256]);
    for (const entry of entries) {
      expect(entry.bits).toBe(32);
      if (entry.size === 256) {
        expect(pngSize(entry.data)).toEqual({ width: 256, height: 256 });
      } else {
        expect(entry.data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
        expect(entry.data.readInt32LE(4)).toBe(entry.size);
        expect(entry.data.readInt32LE(8)).toBe(entry.size * 2); // colour + mask
      }
    }
  });

  it('draws a rounded tile: transparent corners, the white house opaque inside', async () => {
    const entries = icoEntries(await readFile(path.join(root, 'resources/icons/icon.ico')));
    const at48 = entries.find((e) => e.size === 48)!;
    expect(bitmapPixel(at48, 0, 0)[3]).toBe(0);
    expect(bitmapPixel(at48, 47, 0)[3]).toBe(0);
    // A point on the house's wall (x 100..364, y 222..418 of 512), left of the door.
    const [r, g, b, a] = bitmapPixel(
      at48,
      Math.round((140 / 512) * 48),
      Math.round((260 / 512) * 48),
    );
    expect(a).toBe(255);
    expect(Math.min(r!, g!, b!)).toBeGreaterThan(230);
  });

  it('has the Linux PNG set named by size, 16 to 512 px, each the size its name says', async () => {
    const dir = path.join(root, 'resources/icons/png');
    const names = (await readdir(dir)).filter((n) => n.endsWith('.png'));
    const sizes = names.map((n) => Number(/^(\d+)x\1\.png$/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const size of sizes) {
      expect(pngSize(await readFile(path.join(dir, `${size}x${size}.png`)))).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('is what the configuration points at', async () => {
    const config = await getConfig(root, 'resources/electron-builder.yml', null);
    expect(config.win?.icon).toBe('resources/icons/icon.ico');
    expect(config.linux?.icon).toBe('resources/icons/png');
    await expect(readFile(path.join(root, config.win!.icon!))).resolves.toBeInstanceOf(Buffer);
    await expect(readdir(path.join(root, config.linux!.icon!))).resolves.toContain('512x512.png');
  });
});
