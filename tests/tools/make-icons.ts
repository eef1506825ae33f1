// Renders resources/icons/icon.svg into the icon files the installers use:
//   resources/icons/png/<n>x<n>.png   (16 … 512; the Linux icon set, named as electron-builder wants)
//   resources/icons/icon.ico          (16 … 64 as 32-bit bitmaps, 256 as PNG; Windows and NSIS)
// Run after editing the SVG, then commit the outputs:
//   node --import tsx tests/tools/make-icons.ts
// Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) draws the SVG on a canvas at each size,
// so small sizes are rasterised from the vector, not scaled down from 512.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(__dirname, '../..');
const iconDir = path.join(root, 'resources/icons');
const pngSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const;
// 20 and 40 are what Windows picks at 125 % display scaling.
const icoSizes = [16, 20, 24, 32, 40, 48, 64, 256] as const;

interface IcoImage {
  size: number;
  /** Straight (not premultiplied) RGBA, top row first, as canvas getImageData gives it. */
  rgba: Uint8Array;
  png: Buffer;
}

/**
 * An ICO file: 256 px as PNG (Vista and later), smaller sizes as 32-bit BGRA bitmaps with an
 * AND mask, which every Windows component reads, the NSIS icon replacement included.
 */
function encodeIco(images: readonly IcoImage[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const bodies: Buffer[] = [];
  let offset = header.length;
  images.forEach((image, index) => {
    const body = image.size >= 256 ? image.png : bitmap(image);
    const entry = 6 + 16 * index;
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry); // 0 means 256
    header.writeUInt8(image.size >= 256 ? 0 : image.size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4); // planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(body.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    bodies.push(body);
    offset += body.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function bitmap({ size, rgba }: IcoImage): Buffer {
  const maskStride = Math.ceil(size / 32) * 4;
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0); // BITMAPINFOHEADER
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // colour rows + mask rows
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(0, 16); // BI_RGB
  info.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // bitmaps are stored bottom-up
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = (row * size + x) * 4;
      pixels[to] = rgba[from + 2]!; // B
      pixels[to + 1] = rgba[from + 1]!; // G
      pixels[to + 2] = rgba[from]!; // R
      pixels[to + 3] = rgba[from + 3]!; // A
      if (rgba[from + 3] === 0) mask[row * maskStride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([info, pixels, mask]);
}

interface Rendered {
  size: number;
  png: string;
  rgba: number[];
}

async function render(svg: string, sizes: readonly number[]): Promise<Rendered[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    return await page.evaluate(
      async ({ svgUrl, sizes }) => {
        const image = new Image();
        image.src = svgUrl;
        await image.decode();
        return sizes.map((size) => {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d')!;
          context.imageSmoothingQuality = 'high';
          context.drawImage(image, 0, 0, size, size);
          return {
            size,
            png: canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
            rgba: Array.from(context.getImageData(0, 0, size, size).data),
          };
        });
      },
      {
        svgUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
        sizes: [...sizes],
      },
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const svg = await readFile(path.join(iconDir, 'icon.svg'), 'utf8');
  const sizes = [...new Set<number>([...pngSizes, ...icoSizes])].sort((a, b) => a - b);
  const rendered = new Map((await render(svg, sizes)).map((r) => [r.size, r]));

  await mkdir(path.join(iconDir, 'png'), { recursive: true });
  for (const size of pngSizes) {
    const file = path.join(iconDir, 'png', `${size}x${size}.png`);
    await writeFile(file, Buffer.from(rendered.get(size)!.png, 'base64'));
  }
  const images: IcoImage[] = icoSizes.map((size) => {
    const r = rendered.get(size)!;
    return { size, rgba: Uint8Array.from(r.rgba), png: Buffer.from(r.png, 'base64') };
  });
  await writeFile(path.join(iconDir, 'icon.ico'), encodeIco(images));
  console.log(
    `Wrote ${pngSizes.length} PNGs to resources/icons/png and resources/icons/icon.ico (${icoSizes.join(', ')} px).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
