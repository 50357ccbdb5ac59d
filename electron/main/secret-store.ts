import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { cloudConnection, type SecretStorageInfo } from '../../shared/contract/secrets';
import type { KeptSecrets } from '../core/secrets/secret-holder';

/** The parts of Electron's `safeStorage` the store uses; a fake stands in for it in tests. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?: () => string;
};

/** A secret could not be kept; the message is for the trader and never holds the secret. */
export class SecretStoreError extends Error {}

/** On disk: one base64 ciphertext per secret; the file says nothing readable about the values. */
type SecretFile = { version: 1; gemini?: string; cloud?: string };

const UNAVAILABLE =
  'This system offers no keychain to encrypt secrets with, so they cannot be saved here. Set GEMINI_API_KEY / TIMESCALE_DATABASE_URL in the environment instead.';
const BASIC_TEXT =
  'No system keychain (GNOME Keyring or KWallet) was found: secrets are saved encrypted with a fixed key, which protects them from a glance but not from someone who can read your files.';

/**
 * The desktop app's secrets: the Gemini API key and the cloud connection, each encrypted
 * with Electron's safeStorage (the OS keychain) and kept in one file under userData,
 * replaced atomically (temp file, fsync, rename) and readable by the user only.
 */
export class SecretStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Where entered secrets go and whether they can; call after the app is ready. */
  storageInfo(): SecretStorageInfo {
    const available = this.safeStorage.isEncryptionAvailable();
    const backend =
      this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend
        ? this.safeStorage.getSelectedStorageBackend()
        : null;
    const message = !available ? UNAVAILABLE : backend === 'basic_text' ? BASIC_TEXT : null;
    return { kind: 'keychain', available, backend, message };
  }

  /** What was saved, decrypted; an entry that no longer decrypts (keychain reset) is reported and skipped. */
  read(onProblem: (message: string) => void = () => undefined): KeptSecrets {
    let file: SecretFile | null;
    try {
      file = this.readFile();
    } catch (error) {
      onProblem(error instanceof Error ? error.message : 'the saved secrets could not be read');
      return {};
    }
    if (!file || !this.safeStorage.isEncryptionAvailable()) return {};
    const kept: KeptSecrets = {};
    const gemini = this.decrypt(file.gemini, 'the Gemini API key', onProblem);
    if (gemini) kept.geminiApiKey = gemini;
    const cloud = this.decrypt(file.cloud, 'the cloud connection', onProblem);
    if (cloud) {
      const parsed = safeJson(cloud);
      const checked = cloudConnection.safeParse(parsed);
      if (checked.success) kept.cloud = checked.data;
      else onProblem('the saved cloud connection is not valid any more; enter it again');
    }
    return kept;
  }

  setGeminiKey(apiKey: string | null): void {
    this.write('gemini', apiKey);
  }

  setCloud(connection: KeptSecrets['cloud'] | null): void {
    this.write('cloud', connection ? JSON.stringify(connection) : null);
  }

  private write(entry: 'gemini' | 'cloud', plain: string | null): void {
    const next: SecretFile = { ...(this.readFile() ?? { version: 1 }) };
    if (plain === null) delete next[entry];
    else {
      if (!this.safeStorage.isEncryptionAvailable()) throw new SecretStoreError(UNAVAILABLE);
      next[entry] = this.safeStorage.encryptString(plain).toString('base64');
    }
    writeAtomically(this.file, JSON.stringify(next));
  }

  private readFile(): SecretFile | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SecretStoreError('The saved secrets could not be read; check the permissions of the journal folder.');
    }
    const parsed = safeJson(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const p = parsed as Record<string, unknown>;
    const file: SecretFile = { version: 1 };
    if (typeof p.gemini === 'string') file.gemini = p.gemini;
    if (typeof p.cloud === 'string') file.cloud = p.cloud;
    return file;
  }

  private decrypt(value: string | undefined, what: string, onProblem: (message: string) => void): string | null {
    if (!value) return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(value, 'base64'));
    } catch {
      onProblem(`${what} could not be decrypted (was the keychain reset?); enter it again`);
      return null;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Temp file (0600), fsync, rename over the old one, fsync the folder: never a half-written file. */
export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.tmp`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some systems (Windows) cannot open a folder for fsync; the rename itself is still atomic.
  }
}
