"""State every instance shares when REDIS_URL is set: the Redis connection and the breaker."""
