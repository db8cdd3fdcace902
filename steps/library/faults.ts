/** Fault switches: the mock misbehaves on purpose for the next requests, to test the client's side. */
import { FAULT_SWITCHES, type FaultSwitch } from '../../mock-server/control/faultSwitches.ts';
import { defineParameter, defineStep } from '../support/defineStep.ts';
import type { CoinCoverWorld } from '../support/world.ts';

/** Switches whose effect is a 5xx answer: the After hook's 5xx check allows one per use. */
const SERVER_ERROR_SWITCHES: readonly string[] = ['internal_error', 'unavailable_before_store'];

defineParameter({
  name: 'faultSwitch',
  values: FAULT_SWITCHES,
  description: 'a fault switch of the control plane (POST /_mock/faults)',
});

async function arm(world: CoinCoverWorld, fault: FaultSwitch, times: number): Promise<void> {
  await world.control.armFault(fault, times);
  world.armedFaultsOn.add(world.baseUrl);
  if (SERVER_ERROR_SWITCHES.includes(fault)) world.serverErrorsExpected += times;
}

defineStep(
  {
    domain: 'faults',
    keyword: 'Given',
    text: 'the next request fails with an internal error',
    example: 'Given the next request fails with an internal error',
    description:
      'Arms internal_error: the next /v1 request answers the documented 500 before doing anything. Disarmed after the scenario if unused.',
  },
  async function () {
    await arm(this, 'internal_error', 1);
  },
);

defineStep(
  {
    domain: 'faults',
    keyword: 'Given',
    text: 'the fault switch {faultSwitch} is armed',
    parameters: { faultSwitch: 'which switch' },
    example: 'Given the fault switch forged_signature is armed',
    description:
      'Arms the switch for the next matching request. Every switch the scenario armed is disarmed after it.',
  },
  async function (fault: FaultSwitch) {
    await arm(this, fault, 1);
  },
);

defineStep(
  {
    domain: 'faults',
    keyword: 'Given',
    text: 'the fault switch {faultSwitch} is armed for {int} request(s)',
    parameters: { faultSwitch: 'which switch', int: 'how many matching requests (1 to 1000)' },
    example: 'Given the fault switch unavailable_before_store is armed for 2 requests',
    description: 'As above, for several requests.',
  },
  async function (fault: FaultSwitch, times: number) {
    await arm(this, fault, times);
  },
);
