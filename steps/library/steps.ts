/**
 * Every step file of the library, in the catalogue's order. Importing this records the steps
 * (nothing is registered with Cucumber, nothing is started): the catalogue reads it in plain Node.
 */
import './parameters.ts';
import './actors.ts';
import './keys.ts';
import './standardKeys.ts';
import './authentication.ts';
import './signatures.ts';
import './storage.ts';
import './standardStorage.ts';
import './encryption.ts';
import './files.ts';
import './verify.ts';
import './http.ts';
import './responses.ts';
import './faults.ts';
import './journal.ts';
import './persistence.ts';
import './snapshots.ts';
import './integration.ts';
