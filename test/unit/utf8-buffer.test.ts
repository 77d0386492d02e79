import { describe, expect, it } from 'vitest';
import { Utf8Buffer } from '../../src/io/utf8-buffer.js';

describe('Utf8Buffer', () => {
  it('holds what TextEncoder gives for the texts appended, across growing past its first size', () => {
    const texts = ['ags,name\n', 'Köln – € 1\n', '東京\n', '😀'.repeat(700), 'x'.repeat(5000)];
    const buffer = new Utf8Buffer(16);
    for (const text of texts) buffer.append(text);
    const expected = new TextEncoder().encode(texts.join(''));
    expect(buffer.length).toBe(expected.length);
    expect(Buffer.from(buffer.view()).equals(Buffer.from(expected))).toBe(true);
  });

  it('starts again after clear, and its view is a fresh, transferable buffer of its own', () => {
    const buffer = new Utf8Buffer(1024);
    buffer.append('a'.repeat(10_000));
    buffer.clear();
    expect(buffer.length).toBe(0);
    buffer.append('ß');
    expect([...buffer.view()]).toEqual([0xc3, 0x9f]);
    // Not a slice of Node's shared pool of small buffers, which cannot be moved to a worker.
    expect(buffer.view().buffer.byteLength).toBeGreaterThanOrEqual(1024);
    expect(buffer.view().byteOffset).toBe(0);
  });
});
