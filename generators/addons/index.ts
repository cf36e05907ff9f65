// The add-on registry: the wizard's multi-select, --addons, --help, the README and the tests all
// read this one array. Adding an add-on means adding its module here and its templates.
import { coredns, kubeProxy, podIdentityAgent, vpcCni } from './core.ts';
import type { AddonModule } from './types.ts';

/** Managed by the tool itself whenever they apply; not offered in --addons. */
export const CORE_ADDONS: AddonModule[] = [vpcCni, coredns, kubeProxy, podIdentityAgent];

/** Offered to the user through --addons. */
export const OPTIONAL_ADDONS: AddonModule[] = [];

export const ALL_ADDONS: AddonModule[] = [...CORE_ADDONS, ...OPTIONAL_ADDONS];
export const ADDON_BY_ID = new Map(ALL_ADDONS.map((m) => [m.id, m]));
