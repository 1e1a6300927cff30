# One ADLS Gen2 data lake: customer-managed key, TLS 1.2, no public or shared-key access, private
# endpoints for blob and dfs, blob soft delete, and its logs in the central workspace.

variable "name" { type = string }
variable "resource_group_name" { type = string }
variable "subscription_resource_id" { type = string }
variable "private_endpoint_subnet_id" { type = string }
variable "cmk_key_id" { type = string }
variable "cmk_identity_id" { type = string }
variable "log_analytics_workspace_id" { type = string }
variable "tags" { type = map(string) }

resource "azurerm_storage_account" "this" {
  name                              = var.name
  resource_group_name               = var.resource_group_name
  location                          = "westeurope"
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  is_hns_enabled                    = true
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  public_network_access_enabled     = false
  default_to_oauth_authentication   = true
  infrastructure_encryption_enabled = true
  local_user_enabled                = false

  identity {
    type         = "UserAssigned"
    identity_ids = [var.cmk_identity_id]
  }

  customer_managed_key {
    key_vault_key_id          = var.cmk_key_id
    user_assigned_identity_id = var.cmk_identity_id
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  blob_properties {
    versioning_enabled  = true
    change_feed_enabled = true
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }

  tags = var.tags
}

resource "azurerm_private_endpoint" "this" {
  for_each            = toset(["blob", "dfs"])
  name                = "pe-${var.name}-${each.value}"
  resource_group_name = var.resource_group_name
  location            = "westeurope"
  subnet_id           = var.private_endpoint_subnet_id

  private_service_connection {
    name                           = "psc-${var.name}-${each.value}"
    private_connection_resource_id = azurerm_storage_account.this.id
    subresource_names              = [each.value]
    is_manual_connection           = false
  }

  tags = var.tags
}

# The storage account itself only has metrics; its logs come from the blob service. The blob service id
# is written out from known parts rather than "${azurerm_storage_account.this.id}/blobServices/default",
# so the plan names the target exactly (see ../../../README.md).
resource "azurerm_monitor_diagnostic_setting" "blob" {
  name                       = "to-central-law"
  target_resource_id         = "${var.subscription_resource_id}/resourceGroups/${var.resource_group_name}/providers/Microsoft.Storage/storageAccounts/${var.name}/blobServices/default"
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
  enabled_log {
    category_group = "allLogs"
  }
  metric {
    category = "Transaction"
    enabled  = true
  }

  depends_on = [azurerm_storage_account.this]
}

resource "azurerm_monitor_diagnostic_setting" "account" {
  name                       = "to-central-law"
  target_resource_id         = azurerm_storage_account.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  metric {
    category = "Transaction"
    enabled  = true
  }
}
