# Clinical data platform landing zone: the non-compliant variant. Every shortcut below is one a team
# under deadline really takes; the scan reports each of them.

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

# Missing the UseCase tag.
resource "azurerm_resource_group" "analytics" {
  name     = "rg-analytics-sandbox"
  location = "westeurope"
  tags = {
    CostCenter = "CC-4711"
  }
}

# No tags at all.
resource "azurerm_resource_group" "jumpbox" {
  name     = "rg-jumpbox"
  location = "westeurope"
}

# TLS 1.0, plain HTTP, public blobs, shared keys, open network, Microsoft-managed keys, no diagnostics.
resource "azurerm_storage_account" "shared" {
  name                            = "stanalyticsshared"
  resource_group_name             = azurerm_resource_group.analytics.name
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_0"
  https_traffic_only_enabled      = false
  allow_nested_items_to_be_public = true
}

# Access policies instead of RBAC, purge protection off, reachable from the internet.
resource "azurerm_key_vault" "analytics" {
  name                       = "kv-analytics-sandbox"
  resource_group_name        = "rg-analytics-sandbox"
  location                   = "westeurope"
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = false
  soft_delete_retention_days = 7
  tags = {
    CostCenter = "CC-4711"
  }
}

# The team's own workspace, instead of the central one.
resource "azurerm_log_analytics_workspace" "team" {
  name                = "law-team-analytics"
  resource_group_name = "rg-analytics-sandbox"
  location            = "westeurope"
  tags = {
    CostCenter = "CC-4711"
  }
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "to-team-law"
  target_resource_id         = azurerm_key_vault.analytics.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.team.id

  enabled_log {
    category = "AuditEvent"
  }
}

# RDP open to the internet.
resource "azurerm_network_security_group" "jumpbox" {
  name                = "nsg-jumpbox"
  resource_group_name = "rg-jumpbox"
  location            = "westeurope"
}

resource "azurerm_network_security_rule" "rdp" {
  name                        = "allow-rdp-from-anywhere"
  resource_group_name         = "rg-jumpbox"
  network_security_group_name = azurerm_network_security_group.jumpbox.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
}

resource "azurerm_windows_virtual_machine" "jumpbox" {
  name                = "vm-jumpbox"
  resource_group_name = "rg-jumpbox"
  location            = "westeurope"
  size                = "Standard_B2s"
  admin_username      = "azureadmin"
  # (network interface, image and admin password left out of this example)
}

# Owner for a named person at subscription scope, and a contractor's own account as Contributor.
resource "azurerm_role_assignment" "owner_alice" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = "6f7e8d9c-0b1a-4c2d-9e3f-4a5b6c7d8e9f"
  principal_type       = "User"
}

resource "azurerm_role_assignment" "contractor" {
  scope                = azurerm_resource_group.analytics.id
  role_definition_name = "Contributor"
  principal_id         = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
  principal_type       = "User"
}

# SQL logins, TLS 1.0, public network, no auditing, service-managed TDE, and a firewall open to all.
resource "azurerm_mssql_server" "analytics" {
  name                         = "sql-analytics-sandbox"
  resource_group_name          = "rg-analytics-sandbox"
  location                     = "westeurope"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_admin_password
  minimum_tls_version          = "1.0"
  tags = {
    CostCenter = "CC-4711"
  }
}

variable "sql_admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "AllowAll"
  server_id        = azurerm_mssql_server.analytics.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

# Public network, no managed virtual network, Microsoft-managed keys, no diagnostics.
resource "azurerm_data_factory" "analytics" {
  name                = "adf-analytics-sandbox"
  resource_group_name = "rg-analytics-sandbox"
  location            = "westeurope"
  tags = {
    CostCenter = "CC-4711"
  }
}
