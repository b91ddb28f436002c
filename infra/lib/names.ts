/** Physical names shared by the stacks, the deploy workflow and the docs; one place so they cannot drift. */
export function repositoryNames(envName: string): { api: string; worker: string } {
  return { api: `anb-${envName}-api`, worker: `anb-${envName}-worker` };
}

export function stackNames(envName: string): { registry: string; app: string; deployAccess: string } {
  return {
    registry: `Anb-${envName}-Registry`,
    app: `Anb-${envName}-App`,
    deployAccess: `Anb-${envName}-DeployAccess`,
  };
}

/** Parameter Store path of a non-secret setting; the name is the app's environment variable. */
export function parameterName(envName: string, variable: string): string {
  return `/anb/${envName}/${variable}`;
}

export function secretName(envName: string, purpose: 'database' | 'database-app' | 'jwt'): string {
  return `anb/${envName}/${purpose}`;
}

/** The migration task's family and role names: the deploy role may run that family and pass only those roles. */
export function migrationNames(envName: string): {
  family: string;
  rolePrefix: string;
  taskRole: string;
  executionRole: string;
} {
  const rolePrefix = `anb-${envName}-migrate-`;
  return {
    family: `anb-${envName}-migrate`,
    rolePrefix,
    taskRole: `${rolePrefix}task`,
    executionRole: `${rolePrefix}execution`,
  };
}
