from django.urls import path

from digibank.messaging import views

app_name = "messaging"

MESSAGES = "staff/<slug:digibank>/messages/"
MESSAGE = MESSAGES + "<int:message_id>/"

urlpatterns = [
    path(MESSAGES, views.message_list, name="list"),
    path(MESSAGE, views.message_detail, name="detail"),
    path(MESSAGE + "send-again/", views.message_send_again, name="send_again"),
]
