"""The engine: data, models, training and prediction. Never imports Qt."""
