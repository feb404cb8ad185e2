import { directoriesLackingSearch, directoryChain } from './search-permission.util';

describe('directoryChain', () => {
  it('lists every directory from the root down', () => {
    expect(directoryChain('/root/app/.lanewatch/pg')).toEqual(['/', '/root', '/root/app', '/root/app/.lanewatch', '/root/app/.lanewatch/pg']);
  });

  it('normalises trailing slashes and dots', () => {
    expect(directoryChain('/tmp/./x/')).toEqual(['/', '/tmp', '/tmp/x']);
  });
});

describe('directoriesLackingSearch', () => {
  const postgres = { uid: 101, gid: 104 };

  it('flags a root-owned 700 home directory', () => {
    expect(directoriesLackingSearch([{ path: '/root', mode: 0o40700, uid: 0, gid: 0 }], postgres)).toEqual([{ path: '/root', bit: 0o001 }]);
  });

  it('accepts a world-searchable directory', () => {
    expect(directoriesLackingSearch([{ path: '/work', mode: 0o40755, uid: 0, gid: 0 }], postgres)).toEqual([]);
  });

  it('uses the owner bits when the postgres user owns the directory', () => {
    expect(directoriesLackingSearch([{ path: '/d', mode: 0o40700, uid: 101, gid: 0 }], postgres)).toEqual([]);
  });

  it('asks for the group bit for the postgres group, since o+x does not apply to group members', () => {
    expect(directoriesLackingSearch([{ path: '/g', mode: 0o40701, uid: 0, gid: 104 }], postgres)).toEqual([{ path: '/g', bit: 0o010 }]);
  });

  it('asks for the owner bit when the postgres user owns a directory without u+x', () => {
    expect(directoriesLackingSearch([{ path: '/o', mode: 0o40655, uid: 101, gid: 0 }], postgres)).toEqual([{ path: '/o', bit: 0o100 }]);
  });
});
