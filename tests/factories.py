import factory

from cinecat.catalog import models


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Collection
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Work

    title = factory.Sequence(lambda n: f"Film {n}")
    year = 2000


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Edition
        skip_postgeneration_save = True

    format = models.Format.DVD

    @factory.post_generation
    def works(self, create, extracted, **kwargs):
        for order, work in enumerate(extracted or [WorkFactory()]):
            models.EditionWork.objects.create(edition=self, work=work, order=order)


class CopyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Copy

    collection = factory.SubFactory(CollectionFactory)
    edition = factory.SubFactory(EditionFactory)
    index = None
