// Spectral custom function (on the root document): the server URL follows CAMARA's versioning
// rules. It is `{apiRoot}/<api-name>/<version>` where <version> is `v<major>` for info.version
// x.y.z with x >= 1, and `v0.<minor>` for 0.y.z (every 0.y is a breaking release); a pre-release
// suffix (alpha, rc) carries over as `vwip` only while the version is `wip`. The `apiRoot`
// variable has a default and a description.

function expectedSegment(version) {
  if (version === 'wip') {
    return 'vwip';
  }
  const m = /^(\d+)\.(\d+)\.(\d+)(-(alpha|rc)\.\d+)?$/.exec(String(version));
  if (!m) {
    return null;
  }
  const major = Number(m[1]);
  const base = major >= 1 ? `v${major}` : `v0.${m[2]}`;
  return m[4] ? `${base}${m[4].replace('-', '').replace('.', '')}` : base;
}

export default function serverUrlVersion(doc) {
  const version = doc && doc.info ? doc.info.version : undefined;
  const segment = expectedSegment(version);
  if (segment === null) {
    return [{ message: `info.version "${version}" is not x.y.z (SemVer, optionally -alpha.n or -rc.n) or wip.`, path: ['info', 'version'] }];
  }
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  if (servers.length === 0) {
    return [{ message: 'servers is missing.', path: ['servers'] }];
  }
  const results = [];
  servers.forEach((server, i) => {
    const url = server && typeof server.url === 'string' ? server.url : '';
    const m = /^\{apiRoot\}\/[a-z0-9]+(-[a-z0-9]+)*\/([^/]+)$/.exec(url);
    if (!m) {
      results.push({ message: `Server URL "${url}" is not {apiRoot}/<api-name>/<version>.`, path: ['servers', i, 'url'] });
    } else if (m[2] !== segment) {
      results.push({ message: `Server URL version "${m[2]}" does not match info.version ${version} (expected "${segment}").`, path: ['servers', i, 'url'] });
    }
    const apiRoot = server && server.variables ? server.variables.apiRoot : undefined;
    if (!apiRoot || !apiRoot.default || !apiRoot.description) {
      results.push({ message: 'The apiRoot server variable needs a default and a description.', path: ['servers', i] });
    }
  });
  return results;
}
