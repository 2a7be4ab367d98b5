import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');

export interface PlaygroundMessage {
  messageId: string;
  text?: string;
  attachments?: { contentType: string; content: any }[];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The Microsoft 365 Agents Playground (a local Teams client) run headless against a bot endpoint,
 * driven through its HTTP/WebSocket API; config from the repo's `.m365agentsplayground.yml`.
 */
export class AgentsPlayground {
  private readonly received: PlaygroundMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { action?: string; message?: PlaygroundMessage };
      if (event.action === 'createMessage' && event.message) this.received.push(event.message);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async start(botEndpoint: string): Promise<AgentsPlayground> {
    const child = spawn(
      process.execPath,
      [CLI, '-e', botEndpoint, '-c', 'msteams', '--dt', '-p', String(await freePort())],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(
            mkdtempSync(path.join(tmpdir(), 'playground-')),
            'log.txt',
          ),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += String(chunk);
        const m = /Listening on (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`playground exited (${code}): ${out.slice(0, 500)}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new AgentsPlayground(child, url, socket);
  }

  async config(): Promise<any> {
    return (await fetch(`${this.url}/_internal/v1/config`)).json();
  }

  /** The user types `text` in the chat; resolves with the bot's next message. */
  async say(
    conversationId: string,
    userId: string,
    text: string,
    timeoutMs = 10_000,
  ): Promise<PlaygroundMessage> {
    const before = this.received.length;
    const res = await fetch(
      `${this.url}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: userId }, text, textFormat: 'plain' }),
      },
    );
    if (!res.ok) throw new Error(`playground refused the message: ${res.status}`);
    return this.nextMessage(before, timeoutMs);
  }

  /** The user presses an Action.Execute button of a card; resolves with the invoke response. */
  async press(
    conversationId: string,
    userId: string,
    cardMessageId: string,
    verb: string,
    data: unknown,
  ): Promise<any> {
    const res = await fetch(`${this.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        conversation: { id: conversationId },
        from: { id: userId },
        replyToId: cardMessageId,
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** Waits for the next message the bot sends on its own (proactively). */
  async nextProactive(timeoutMs = 10_000): Promise<PlaygroundMessage> {
    return this.nextMessage(this.received.length, timeoutMs);
  }

  private async nextMessage(index: number, timeoutMs: number): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length <= index) {
      if (Date.now() > deadline) throw new Error('no reply from the bot in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received[index]!;
  }

  async stop(): Promise<void> {
    this.socket.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
