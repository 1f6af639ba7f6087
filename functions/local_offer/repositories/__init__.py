"""Data access: small classes over boto3 and opensearch-py."""
