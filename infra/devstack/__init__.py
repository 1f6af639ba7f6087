"""Local development stack: moto + osmem-server + an HTTP to API Gateway adapter, and operator commands."""
