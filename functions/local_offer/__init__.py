"""Local Offer: the serverless backend of a council's SEND Local Offer directory."""
