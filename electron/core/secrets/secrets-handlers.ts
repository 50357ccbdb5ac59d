import type { Handlers } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import type { SecretHolder } from './secret-holder';

type SecretMethods =
  'secrets.status' | 'secrets.gemini.set' | 'secrets.gemini.remove' | 'secrets.cloud.set' | 'secrets.cloud.remove';

/**
 * The contract's secret calls over the session's holder. In the desktop app main has
 * already written the value to its keychain file before the call reaches here; under
 * `tpj serve` the holder's memory is the only place it lives.
 */
export function secretsHandlers(holder: SecretHolder): Pick<Handlers, SecretMethods> {
  const writable = (): void => {
    const { storage } = holder.status();
    if (!storage.available)
      throw new CoreError('UNAVAILABLE', storage.message ?? 'Secrets cannot be kept safely on this system.');
  };
  return {
    'secrets.status': () => holder.status(),
    'secrets.gemini.set': ({ apiKey }) => {
      writable();
      holder.setGeminiKey(apiKey);
      return holder.status();
    },
    'secrets.gemini.remove': () => {
      holder.setGeminiKey(null);
      return holder.status();
    },
    'secrets.cloud.set': ({ connection }) => {
      writable();
      holder.setCloud(connection);
      return holder.status();
    },
    'secrets.cloud.remove': () => {
      holder.setCloud(null);
      return holder.status();
    },
  };
}
