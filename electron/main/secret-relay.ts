import type { MethodName, ParsedInput, Result } from '../../shared/contract';
import { fail } from '../../shared/contract/errors';
import { secretWriteMethods, type SecretWriteMethod } from '../../shared/contract/secrets';
import { validateInput } from '../../shared/contract/validate';
import type { CallRelay } from './register-contract';
import { SecretStoreError, type SecretStore } from './secret-store';

function isSecretWrite(method: MethodName): method is SecretWriteMethod {
  return (secretWriteMethods as readonly string[]).includes(method);
}

/**
 * Main's part in setting a secret: the renderer's call arrives here (sender already
 * checked by registerContract), is validated again, written to the keychain file, and
 * only then relayed to the core, which holds it in memory. Answers are the core's
 * status, which says set / not set and where from, never the value.
 */
export function createSecretRelay(store: Pick<SecretStore, 'setGeminiKey' | 'setCloud'>, core: CallRelay): CallRelay {
  return {
    async invoke(method, input) {
      if (!isSecretWrite(method)) return core.invoke(method, input);
      const checked = validateInput(method, input);
      if (!checked.ok) return checked;
      const saved = keep(store, method, checked.value);
      if (saved) return saved;
      return core.invoke(method, input);
    },
  };
}

function keep(
  store: Pick<SecretStore, 'setGeminiKey' | 'setCloud'>,
  method: SecretWriteMethod,
  value: unknown,
): Result<never> | null {
  try {
    switch (method) {
      case 'secrets.gemini.set':
        store.setGeminiKey((value as ParsedInput<'secrets.gemini.set'>).apiKey);
        break;
      case 'secrets.gemini.remove':
        store.setGeminiKey(null);
        break;
      case 'secrets.cloud.set':
        store.setCloud((value as ParsedInput<'secrets.cloud.set'>).connection);
        break;
      case 'secrets.cloud.remove':
        store.setCloud(null);
        break;
    }
    return null;
  } catch (error) {
    if (error instanceof SecretStoreError) return fail('UNAVAILABLE', error.message);
    return fail('STORAGE', 'The secret could not be saved in the journal folder; nothing was changed.');
  }
}
