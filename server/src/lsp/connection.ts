/**
 * The server's connection, its transport read from the command line (`--stdio`, `--node-ipc`, `--socket`, `--pipe`)
 * as vscode-languageserver reads it. Over stdio the writer gets the encoder that writes the worker's diagnostics JSON
 * as it is (jsonList.ts); the connection is then made from the streams, and vscode-languageserver no longer sends
 * `console` output to the client instead of stdout, which stdio needs (stdout is the protocol): done here.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { FrameReader } from './framing';
import { rawJsonEncoder } from './jsonList';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  // (The first transport named wins, as in vscode-languageserver.)
  const transport = argv.slice(2).map((a) => TRANSPORTS.exec(a)?.[1]).find((t) => t !== undefined);
  if (transport !== 'stdio') return createConnection(ProposedFeatures.all);
  // stdin as a stream, not a reader: vscode-languageserver then ends the process when the stream ends, as with
  // --stdio. (It reads a stream beside a writer; only its typings want both of one kind.) Read through FrameReader,
  // which skips bytes between frames that are no header instead of leaving the reader stuck on them.
  const frames = new FrameReader();
  process.stdin.pipe(frames);
  process.stdin.on('close', () => frames.end(() => undefined));
  // (A pipe does not pass errors on: stdin's reach the protocol's reader as they did when it read stdin itself.)
  process.stdin.on('error', (e) => frames.emit('error', e));
  const input = frames as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { contentTypeEncoder: rawJsonEncoder }));
  frames.onProblem = (message) => connection.console.warn(message);
  const say = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
  console.log = say('log');
  console.info = say('info');
  console.debug = say('log');
  console.warn = say('warn');
  console.error = say('error');
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${format(...args)}\n${(new Error().stack ?? '').split('\n').slice(2).join('\n')}`);
  return connection;
}
