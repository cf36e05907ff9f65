// Where kubectl would find its configuration: KUBECONFIG's files, ~/.kube/config, or the
// service account of a pod. Checked before kubectl is started, so a machine with none pays nothing.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function kubeconfigIn(env: Record<string, string | undefined>): string | undefined {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(path.delimiter).find((f) => f !== '' && existsSync(f));
  if (env.KUBERNETES_SERVICE_HOST) return 'in-cluster';
  const home = env.HOME ?? env.USERPROFILE;
  const file = home ? path.join(home, '.kube', 'config') : undefined;
  return file && existsSync(file) ? file : undefined;
}
