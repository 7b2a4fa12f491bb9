/**
 * Controls: reset the namespace, load a scenario, arm and disarm faults, switch rate limits. Each
 * is one control-API call (the same a script would make), so the page can do nothing the API cannot.
 */
import { call } from './api.js';
import { h, replaceChildren } from './dom.js';

interface Fault {
  readonly id: string;
  readonly api?: string;
  readonly operation?: string;
  readonly path?: string;
  readonly status?: number;
  readonly drop?: boolean;
  readonly delayMs?: number;
  readonly remaining: number | null;
  readonly hits: number;
}

interface RateLimits {
  readonly daily: unknown;
  readonly sonoran: unknown;
}

function describeFault(f: Fault): string {
  const what =
    f.drop === true
      ? 'drop the connection'
      : f.status !== undefined
        ? `answer ${f.status}`
        : `delay ${f.delayMs ?? 0} ms`;
  const scope = [f.api, f.operation, f.path].filter((x) => x !== undefined).join(' ') || 'any request';
  return `${f.id}: ${what} to ${scope} (${f.remaining === null ? 'by probability' : `${f.remaining} left`}, ${f.hits} hit)`;
}

export class ControlsView {
  private readonly status: HTMLElement;
  private readonly faults: HTMLElement;
  private readonly limits: HTMLElement;
  private readonly scenario: HTMLSelectElement;

  constructor(root: HTMLElement) {
    this.status = h('p', { id: 'controls-status', role: 'status', 'aria-live': 'polite' });
    this.faults = h('ul', { id: 'fault-list' });
    this.limits = h('div', { id: 'rate-limits' });
    this.scenario = h('select', { id: 'scenario' }) as HTMLSelectElement;

    const reset = h('button', { type: 'button', id: 'reset' }, 'Reset the namespace to the startup world');
    reset.addEventListener('click', () => void this.act('Reset', () => call('POST', '/__admin/reset')));
    const load = h('button', { type: 'button', id: 'load-scenario' }, 'Load scenario');
    load.addEventListener('click', () => {
      const name = this.scenario.value;
      if (name !== '')
        void this.act(`Scenario ${name} loaded`, () => call('POST', `/__admin/scenarios/${encodeURIComponent(name)}`));
    });

    const faultForm = h(
      'form',
      { id: 'fault-form', 'aria-label': 'arm a fault' },
      h(
        'label',
        { for: 'fault-api' },
        'API ',
        h(
          'select',
          { id: 'fault-api', name: 'api' },
          h('option', { value: 'daily' }, 'Daily'),
          h('option', { value: 'sonoran' }, 'Sonoran'),
        ),
      ),
      h(
        'label',
        { for: 'fault-operation' },
        'operation (optional) ',
        h('input', {
          id: 'fault-operation',
          name: 'operation',
          placeholder: 'daily.updatePermissions',
          autocomplete: 'off',
        }),
      ),
      h(
        'label',
        { for: 'fault-status' },
        'status ',
        h('input', {
          id: 'fault-status',
          name: 'status',
          type: 'number',
          min: '400',
          max: '599',
          value: '500',
          required: true,
        }),
      ),
      h(
        'label',
        { for: 'fault-times' },
        'times ',
        h('input', { id: 'fault-times', name: 'times', type: 'number', min: '1', value: '1', required: true }),
      ),
      h('button', { type: 'submit', id: 'arm-fault' }, 'Arm fault'),
    ) as HTMLFormElement;
    faultForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(faultForm);
      const text = (name: string): string => {
        const value = data.get(name);
        return typeof value === 'string' ? value.trim() : '';
      };
      const operation = text('operation');
      const spec = {
        api: text('api'),
        status: Number(data.get('status')),
        times: Number(data.get('times')),
        ...(operation !== '' && { operation }),
      };
      void this.act('Fault armed', () => call('POST', '/__admin/faults', spec));
    });
    const clear = h('button', { type: 'button', id: 'clear-faults' }, 'Disarm every fault');
    clear.addEventListener('click', () => void this.act('Faults disarmed', () => call('DELETE', '/__admin/faults')));

    replaceChildren(
      root,
      h('h2', {}, 'Controls'),
      this.status,
      h(
        'section',
        { 'aria-labelledby': 'h-state' },
        h('h3', { id: 'h-state' }, 'State'),
        reset,
        h('p', {}, h('label', { for: 'scenario' }, 'scenario '), this.scenario, ' ', load),
      ),
      h(
        'section',
        { 'aria-labelledby': 'h-faults' },
        h('h3', { id: 'h-faults' }, 'Faults'),
        faultForm,
        h('h4', {}, 'Armed'),
        this.faults,
        clear,
      ),
      h('section', { 'aria-labelledby': 'h-limits' }, h('h3', { id: 'h-limits' }, 'Rate limits'), this.limits),
    );
  }

  private async act(done: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.status.textContent = `✓ ${done}.`;
      await this.refresh();
    } catch (error) {
      this.status.textContent = `✗ ${(error as Error).message}`;
    }
  }

  async loadScenarios(): Promise<void> {
    const { scenarios } = await call<{ scenarios: { name: string; description: string }[] }>(
      'GET',
      '/__admin/scenarios',
    );
    replaceChildren(
      this.scenario,
      ...scenarios.map((s) => h('option', { value: s.name, title: s.description }, s.name)),
    );
  }

  async refresh(): Promise<void> {
    const [{ faults }, limits] = await Promise.all([
      call<{ faults: Fault[] }>('GET', '/__admin/faults'),
      call<RateLimits>('GET', '/__admin/rate-limits'),
    ]);
    replaceChildren(
      this.faults,
      ...(faults.length === 0
        ? [h('li', {}, 'none')]
        : faults.map((f) => {
            const disarm = h(
              'button',
              { type: 'button', 'data-key': `disarm-${f.id}`, 'aria-label': `disarm ${f.id}` },
              'Disarm',
            );
            disarm.addEventListener(
              'click',
              () =>
                void this.act(`${f.id} disarmed`, () => call('DELETE', `/__admin/faults/${encodeURIComponent(f.id)}`)),
            );
            return h('li', { 'data-fault': f.id }, describeFault(f), ' ', disarm);
          })),
    );
    const toggles = (['daily', 'sonoran'] as const).map((api) => {
      const on = limits[api] !== null;
      const box = h('input', {
        type: 'checkbox',
        id: `limit-${api}`,
        'data-key': `limit-${api}`,
        checked: on,
      }) as HTMLInputElement;
      box.addEventListener(
        'change',
        () =>
          void this.act(`${api} rate limit ${box.checked ? 'on' : 'off'}`, () =>
            call('PUT', '/__admin/rate-limits', { [api]: box.checked }),
          ),
      );
      return h(
        'p',
        {},
        box,
        ' ',
        h(
          'label',
          { for: `limit-${api}` },
          `${api === 'daily' ? 'Daily' : 'Sonoran'}'s documented rate limit: ${on ? 'on' : 'off'}`,
        ),
      );
    });
    replaceChildren(this.limits, ...toggles);
  }
}
