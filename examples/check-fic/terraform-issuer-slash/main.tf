resource "azuread_application_federated_identity_credential" "deploy" {
  application_id = azuread_application.payments.id
  display_name   = "github-deploy"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com/"
  subject        = "repo:contoso/payments:environment:Production"
}
