// Which engine backs a PV, in openebsctl's GetCasType order: PV label openebs.io/cas-type, PV annotation,
// CSI volumeAttributes, CSI driver, then the StorageClass (parameters.cas-type, provisioner).
import type { KubeObject } from '../kube/resources.js';
import type { Engine } from './types.js';

export const DRIVER_ENGINE: Record<string, Engine> = {
  'cstor.csi.openebs.io': 'cstor',
  'jiva.csi.openebs.io': 'jiva',
  'local.csi.openebs.io': 'localpv-lvm',
  'zfs.csi.openebs.io': 'localpv-zfs',
  'io.openebs.csi-mayastor': 'mayastor',
};

/** cas-type values as the engines write them, to our Engine */
const CAS_TYPE: Record<string, Engine> = {
  cstor: 'cstor', jiva: 'jiva', mayastor: 'mayastor', 'replicated-pv': 'mayastor',
  'local-hostpath': 'localpv-hostpath', 'localpv-hostpath': 'localpv-hostpath', hostpath: 'localpv-hostpath',
  'local-device': 'localpv-device', 'localpv-device': 'localpv-device', device: 'localpv-device',
  'localpv-lvm': 'localpv-lvm', 'lvm-localpv': 'localpv-lvm', lvm: 'localpv-lvm', 'lvm-localpv-csi': 'localpv-lvm',
  'localpv-zfs': 'localpv-zfs', 'zfs-localpv': 'localpv-zfs', zfs: 'localpv-zfs',
};

/** the StorageType (hostpath|device) from a LocalPV SC's cas.openebs.io/config annotation */
export function localStorageType(sc: KubeObject | undefined): 'hostpath' | 'device' | undefined {
  const cfg = sc?.metadata.annotations?.['cas.openebs.io/config'];
  if (typeof cfg !== 'string') return undefined;
  const m = /name:\s*["']?StorageType["']?\s*\n?\s*value:\s*["']?(\w+)/i.exec(cfg);
  const v = m?.[1]?.toLowerCase();
  return v === 'device' ? 'device' : v === 'hostpath' ? 'hostpath' : undefined;
}

function fromCasType(v: unknown, pv: KubeObject | undefined): Engine | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const e = CAS_TYPE[v.toLowerCase()];
  // pre-CSI cStor: cas-type cstor on a PV that is not a CSI volume (iSCSI PV from openebs.io/provisioner-iscsi)
  if (e === 'cstor' && pv && !pv.spec?.csi) return 'legacy-cstor';
  if (v.toLowerCase() === 'local' && pv?.spec?.local) return 'localpv-hostpath';
  return e;
}

/** Engine of an SC alone (for StorageClass records and PVCs that have no PV yet). */
export function engineOfStorageClass(sc: KubeObject | undefined): Engine {
  if (!sc) return 'unknown';
  const byParam = fromCasType(sc.parameters?.['cas-type'], undefined);
  if (byParam && byParam !== 'localpv-hostpath') return byParam;
  const prov: string = sc.provisioner ?? '';
  if (DRIVER_ENGINE[prov]) return DRIVER_ENGINE[prov];
  if (prov === 'openebs.io/local') return localStorageType(sc) === 'device' ? 'localpv-device' : 'localpv-hostpath';
  if (prov === 'openebs.io/provisioner-iscsi') return 'legacy-cstor';
  return byParam ?? 'unknown';
}

/** true when the SC or PV belongs to OpenEBS at all */
export function isOpenEbsProvisioner(p: string | undefined): boolean {
  return !!p && (p in DRIVER_ENGINE || p === 'openebs.io/local' || p === 'openebs.io/provisioner-iscsi');
}

export function detectEngine(pv: KubeObject, sc?: KubeObject): Engine {
  const casLabel = fromCasType(pv.metadata.labels?.['openebs.io/cas-type'], pv);
  if (casLabel) return localRefine(casLabel, pv, sc);
  const casAnno = fromCasType(pv.metadata.annotations?.['openebs.io/cas-type'], pv);
  if (casAnno) return localRefine(casAnno, pv, sc);
  const csi = pv.spec?.csi;
  const casAttr = fromCasType(csi?.volumeAttributes?.['openebs.io/cas-type'], pv);
  if (casAttr) return casAttr;
  if (csi?.driver && DRIVER_ENGINE[csi.driver]) return DRIVER_ENGINE[csi.driver];
  const provisionedBy = pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
  if (provisionedBy === 'openebs.io/local') {
    if (pv.metadata.annotations?.['local.openebs.io/blockdeviceclaim']) return 'localpv-device';
    return localRefine('localpv-hostpath', pv, sc);
  }
  if (provisionedBy === 'openebs.io/provisioner-iscsi') return 'legacy-cstor';
  const e = engineOfStorageClass(sc);
  return e;
}

function localRefine(e: Engine, pv: KubeObject, sc?: KubeObject): Engine {
  if (e !== 'localpv-hostpath') return e;
  if (pv.metadata.annotations?.['local.openebs.io/blockdeviceclaim'] || localStorageType(sc) === 'device') return 'localpv-device';
  return e;
}

/** Accepts the words people use ("lvm", "hostpath", "replicated") for an engine filter. */
export function parseEngine(word: string): Engine | undefined {
  const w = word.toLowerCase().trim().replace(/[\s_]+/g, '-');
  const direct: Record<string, Engine> = {
    cstor: 'cstor', jiva: 'jiva', mayastor: 'mayastor', 'replicated-pv': 'mayastor', replicated: 'mayastor',
    'localpv-hostpath': 'localpv-hostpath', 'local-hostpath': 'localpv-hostpath', hostpath: 'localpv-hostpath',
    'localpv-device': 'localpv-device', 'local-device': 'localpv-device', device: 'localpv-device',
    'localpv-lvm': 'localpv-lvm', 'lvm-localpv': 'localpv-lvm', 'local-lvm': 'localpv-lvm', lvm: 'localpv-lvm',
    'localpv-zfs': 'localpv-zfs', 'zfs-localpv': 'localpv-zfs', 'local-zfs': 'localpv-zfs', zfs: 'localpv-zfs',
    'legacy-cstor': 'legacy-cstor', unknown: 'unknown',
  };
  return direct[w];
}
