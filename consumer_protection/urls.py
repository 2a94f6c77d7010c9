app_name = "consumer_protection"
urlpatterns: list = []
