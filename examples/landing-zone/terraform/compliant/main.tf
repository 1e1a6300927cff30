# Clinical data platform landing zone: the compliant variant.
# The security platform (resource group, central Log Analytics workspace, CMK key vault and key, the
# storage CMK identity and its role) was applied before, so this plan shows it as no-op; the network
# and the two data lakes are new.

terraform {
  required_version = ">= 1.9"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}
data "azurerm_subscription" "current" {}

locals {
  location = "westeurope"
  tags = {
    CostCenter  = "CC-4711"
    UseCase     = "clinical-data-platform"
    Environment = "prod"
  }
  lakes = {
    raw     = { name = "stlzclinraw" }
    curated = { name = "stlzclincurated" }
  }
}

resource "azurerm_resource_group" "security" {
  name     = "rg-lz-security"
  location = local.location
  tags     = local.tags
}

resource "azurerm_resource_group" "network" {
  name     = "rg-lz-network"
  location = local.location
  tags     = local.tags
}

resource "azurerm_resource_group" "data" {
  name     = "rg-lz-data"
  location = local.location
  tags     = local.tags
}

# --- Governance -------------------------------------------------------------------------------------

resource "azurerm_subscription_policy_assignment" "require_mfa" {
  name                 = "require-mfa-for-writes"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b"
  display_name         = "Users must authenticate with MFA to create or update resources"
  enforce              = true
}

resource "azurerm_security_center_subscription_pricing" "plan" {
  for_each      = toset(["Arm", "KeyVaults", "StorageAccounts"])
  tier          = "Standard"
  resource_type = each.value
  subplan       = each.value == "StorageAccounts" ? "DefenderForStorageV2" : null
}

resource "azurerm_security_center_contact" "soc" {
  name                = "default1"
  email               = "soc@clinical.example"
  alert_notifications = true
  alerts_to_admins    = true
}

# --- Central logging --------------------------------------------------------------------------------

resource "azurerm_log_analytics_workspace" "central" {
  name                          = "law-lz-central"
  resource_group_name           = azurerm_resource_group.security.name
  location                      = local.location
  sku                           = "PerGB2018"
  retention_in_days             = 365
  local_authentication_disabled = true
  tags                          = local.tags
}

# --- Customer-managed keys --------------------------------------------------------------------------

resource "azurerm_key_vault" "cmk" {
  name                            = "kv-lz-clin-cmk"
  resource_group_name             = azurerm_resource_group.security.name
  location                        = local.location
  tenant_id                       = data.azurerm_client_config.current.tenant_id
  sku_name                        = "premium"
  purge_protection_enabled        = true
  enable_rbac_authorization       = true
  enabled_for_deployment          = false
  enabled_for_disk_encryption     = false
  enabled_for_template_deployment = false
  public_network_access_enabled   = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }

  tags = local.tags
}

resource "azurerm_key_vault_key" "storage" {
  name            = "cmk-storage"
  key_vault_id    = azurerm_key_vault.cmk.id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["unwrapKey", "wrapKey"]
  expiration_date = "2028-12-31T00:00:00Z"

  rotation_policy {
    expire_after         = "P2Y"
    notify_before_expiry = "P30D"
    automatic {
      time_before_expiry = "P90D"
    }
  }

  tags = local.tags
}

resource "azurerm_user_assigned_identity" "storage_cmk" {
  name                = "id-lz-storage-cmk"
  resource_group_name = azurerm_resource_group.security.name
  location            = local.location
  tags                = local.tags
}

resource "azurerm_role_assignment" "storage_cmk" {
  scope                = azurerm_key_vault.cmk.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_user_assigned_identity.storage_cmk.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "to-central-law"
  target_resource_id         = azurerm_key_vault.cmk.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id

  enabled_log {
    category_group = "audit"
  }
  enabled_log {
    category_group = "allLogs"
  }
  metric {
    category = "AllMetrics"
    enabled  = true
  }
}

# --- Access: groups, least privilege ----------------------------------------------------------------

resource "azurerm_role_assignment" "data_engineers" {
  scope                = "${data.azurerm_subscription.current.id}/resourceGroups/rg-lz-data"
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d" # Entra ID group: clinical-data-engineers
  principal_type       = "Group"
}

# --- Network ring fence -----------------------------------------------------------------------------

resource "azurerm_virtual_network" "data" {
  name                = "vnet-lz-data"
  resource_group_name = azurerm_resource_group.network.name
  location            = local.location
  address_space       = ["10.20.0.0/16"]
  tags                = local.tags
}

resource "azurerm_subnet" "private_endpoints" {
  name                            = "snet-private-endpoints"
  resource_group_name             = azurerm_resource_group.network.name
  virtual_network_name            = azurerm_virtual_network.data.name
  address_prefixes                = ["10.20.1.0/24"]
  default_outbound_access_enabled = false
}

resource "azurerm_network_security_group" "private_endpoints" {
  name                = "nsg-lz-private-endpoints"
  resource_group_name = azurerm_resource_group.network.name
  location            = local.location

  security_rule {
    name                       = "allow-vnet-https-inbound"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "VirtualNetwork"
    description                = "Private endpoint traffic from inside the landing zone"
  }

  security_rule {
    name                       = "deny-internet-inbound"
    priority                   = 4000
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
    description                = "Nothing from the internet reaches private endpoints"
  }

  tags = local.tags
}

resource "azurerm_subnet_network_security_group_association" "private_endpoints" {
  subnet_id                 = azurerm_subnet.private_endpoints.id
  network_security_group_id = azurerm_network_security_group.private_endpoints.id
}

resource "azurerm_monitor_diagnostic_setting" "nsg" {
  name                       = "to-central-law"
  target_resource_id         = azurerm_network_security_group.private_endpoints.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_private_endpoint" "key_vault" {
  name                = "pe-kv-lz-clin-cmk"
  resource_group_name = azurerm_resource_group.network.name
  location            = local.location
  subnet_id           = azurerm_subnet.private_endpoints.id

  private_service_connection {
    name                           = "psc-kv-lz-clin-cmk"
    private_connection_resource_id = azurerm_key_vault.cmk.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  tags = local.tags
}

# --- Data lakes -------------------------------------------------------------------------------------

module "data_lake" {
  source   = "./modules/data-lake"
  for_each = local.lakes

  name                       = each.value.name
  resource_group_name        = azurerm_resource_group.data.name
  subscription_resource_id   = data.azurerm_subscription.current.id
  private_endpoint_subnet_id = azurerm_subnet.private_endpoints.id
  cmk_key_id                 = azurerm_key_vault_key.storage.versionless_id
  cmk_identity_id            = azurerm_user_assigned_identity.storage_cmk.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.central.id
  tags                       = merge(local.tags, { DataZone = each.key })
}
