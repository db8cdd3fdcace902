// The project's own scenarios start real processes (mocks of their own, the runner, clients),
// and Cucumber's 5 s default step time-out is shorter than a child mock's start on a busy
// 2-core machine. A step that hangs still fails, after a minute.
import { setDefaultTimeout } from '@cucumber/cucumber';

setDefaultTimeout(60_000);
