"""Pure rules: index documents, query building, paging. Nothing here knows about Lambda or boto3."""
