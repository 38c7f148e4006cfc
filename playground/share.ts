/**
 * The playground's state in the URL fragment: JSON, deflated with the
 * browser's CompressionStream, base64url. A fragment is never sent to any
 * server, so sharing the link shares the pack without anything leaving the page.
 */

export interface PlaygroundState {
  v: 1;
  /** The custom pack's files: pack path → text. */
  pack: Record<string, string>;
  /** The scheme/fund input. */
  input: { name: string; text: string };
  asOf: string;
  lang: 'th' | 'en';
  /** The built-in packs evaluated before the custom pack. */
  builtIns: string[];
  /** The file shown in the editor. */
  open?: string;
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (without `#`) that holds the state. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `s=${toBase64Url(await through(json, new CompressionStream('deflate-raw')))}`;
}

/** The state a fragment holds, or why it cannot be read. */
export async function decodeState(fragment: string): Promise<{ ok: true; state: PlaygroundState } | { ok: false; reason: string }> {
  const match = /(?:^|&)s=([A-Za-z0-9_-]+)/.exec(fragment.replace(/^#/, ''));
  if (!match) return { ok: false, reason: 'no shared state in the link' };
  try {
    const json = new TextDecoder().decode(await through(fromBase64Url(match[1]!), new DecompressionStream('deflate-raw')));
    const state = JSON.parse(json) as PlaygroundState;
    if (state?.v !== 1 || typeof state.pack !== 'object' || typeof state.input?.text !== 'string') return { ok: false, reason: 'the link holds no playground state of this version' };
    return { ok: true, state };
  } catch {
    return { ok: false, reason: 'the link is damaged (it could not be decompressed)' };
  }
}
