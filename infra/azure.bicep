// Tandem on Azure, deployed by `teamsapp provision` (teamsapp.yml, arm/deploy) into one resource group.
//
// Hosting: one Linux App Service plan running two apps from the same build: `web` (bot endpoint,
// tabs, REST API) and `worker` (sync jobs from the PostgreSQL job queue). Two apps rather than a
// WebJob because WebJobs on Linux App Service are still a preview feature, and because separate
// apps restart, scale and log independently while sharing the plan's cost; the worker takes no
// inbound traffic.
//
// Secrets (DATABASE_URL, AUTH_CLIENT_SECRET, TOKEN_CACHE_KEYS): stored only in Key Vault. Both apps run as one user-assigned managed identity that reads
// them through Key Vault references (keyVaultReferenceIdentity); the same identity is the Azure
// Bot's app identity (msaAppType UserAssignedMSI), so the bot needs no password at all.
//
// Network: PostgreSQL Flexible Server is injected into a private subnet with public access
// disabled (no firewall rules at all); the apps reach it through regional VNet integration.

@description('Prefix of resource names, e.g. tandem-dev.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

param location string = resourceGroup().location

@description('Client id of Tandem\'s Entra app (tab SSO audience, OBO client).')
param aadAppClientId string

@secure()
@description('Client secret of Tandem\'s Entra app, for OBO. Stored in Key Vault only.')
param aadAppClientSecret string

@secure()
@minLength(16)
@description('PostgreSQL administrator password. Stored in Key Vault only (inside DATABASE_URL).')
param postgresAdminPassword string

@secure()
@description('TOKEN_CACHE_KEYS: `keyId:base64(32 bytes)`, comma-separated (first encrypts). Stored in Key Vault only.')
param tokenCacheKeys string

@description('Teams app id (deep links to the tabs).')
param teamsAppId string

@description('App Service plan SKU; Basic or higher (VNet integration, Always On).')
@allowed(['B1', 'B2', 'B3', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'B1'

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = resourceBaseName

var unique = uniqueString(resourceGroup().id)
var webAppName = '${resourceBaseName}-web-${unique}'
var workerAppName = '${resourceBaseName}-worker-${unique}'
var tabDomain = '${webAppName}.azurewebsites.net'
var postgresServerName = '${resourceBaseName}-pg-${unique}'
var postgresAdminLogin = 'tandem_admin'
var databaseName = 'tandem'
// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

// ---------------------------------------------------------------- network

resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: '${resourceBaseName}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.40.0.0/16'] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: '10.40.1.0/24'
          delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.40.2.0/24'
          delegations: [
            { name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }
          ]
        }
      }
    ]
  }
}

resource postgresDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${postgresServerName}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDns
  name: 'vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}

// ---------------------------------------------------------------- PostgreSQL

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' }
    network: {
      publicNetworkAccess: 'Disabled'
      delegatedSubnetResourceId: '${vnet.id}/subnets/postgres'
      privateDnsZoneArmResourceId: postgresDns.id
    }
  }
  dependsOn: [postgresDnsLink]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// ---------------------------------------------------------------- Key Vault

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-tandem-${unique}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    contentType: 'postgres connection string'
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
  }
}

resource authClientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'auth-client-secret'
  properties: {
    contentType: 'Entra client secret'
    value: aadAppClientSecret
  }
}

resource tokenCacheKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'token-cache-keys'
  properties: {
    contentType: 'AES-256-GCM key list'
    value: tokenCacheKeys
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

// Settings both apps share. Secrets only as Key Vault references, resolved with the identity.
var sharedSettings = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'AUTH_CLIENT_ID', value: aadAppClientId }
  { name: 'AUTH_APP_ID_URI', value: 'api://${tabDomain}/${aadAppClientId}' }
  { name: 'AUTH_CLIENT_SECRET', value: '@Microsoft.KeyVault(SecretUri=${authClientSecret.properties.secretUri})' }
  { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})' }
  { name: 'TOKEN_CACHE_KEYS', value: '@Microsoft.KeyVault(SecretUri=${tokenCacheKeysSecret.properties.secretUri})' }
  { name: 'BOT_ID', value: identity.properties.clientId }
  { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
  { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
]

var siteBase = {
  serverFarmId: plan.id
  httpsOnly: true
  clientAffinityEnabled: false
  keyVaultReferenceIdentity: identity.id
  virtualNetworkSubnetId: '${vnet.id}/subnets/apps'
  vnetRouteAllEnabled: true
}

var siteConfigBase = {
  linuxFxVersion: 'NODE|22-lts'
  appCommandLine: 'node dist/index.js'
  alwaysOn: true
  ftpsState: 'Disabled'
  minTlsVersion: '1.2'
  http20Enabled: true
}

resource web 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: union(siteBase, {
    siteConfig: union(siteConfigBase, {
      appSettings: concat(sharedSettings, [
        { name: 'TANDEM_ROLE', value: 'web' }
      ])
    })
  })
  dependsOn: [secretsReader]
}

resource worker 'Microsoft.Web/sites@2024-04-01' = {
  name: workerAppName
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: union(siteBase, {
    siteConfig: union(siteConfigBase, {
      // No inbound traffic: the worker only pulls jobs from PostgreSQL.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      appSettings: concat(sharedSettings, [
        { name: 'TANDEM_ROLE', value: 'worker' }
      ])
    })
  })
  dependsOn: [secretsReader]
}

// ---------------------------------------------------------------- Azure Bot

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot-${unique}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Written to env/.env.<env> by Teams Toolkit.
output TAB_DOMAIN string = web.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output WEB_APP_RESOURCE_ID string = web.id
output WORKER_APP_RESOURCE_ID string = worker.id
